import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import "../i18n";
import { toFieldErrors } from "../lib/forms";
import { Field, FormErrors } from "./ui";

afterEach(cleanup);

describe("form fields show their own errors", () => {
  it("marks the field invalid and describes it by its message", () => {
    const errors = toFieldErrors([{ field: "email", message: "Not an email address.", code: "INVALID_EMAIL" }], ["email"]);
    let value = "";
    render(<Field name="email" label="Email" value="x" onChange={(v) => (value = v)} errors={errors} />);
    const input = screen.getByLabelText("Email");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("error-email").textContent).toBe("Not an email address.");
    expect(input.getAttribute("aria-describedby")).toBe(screen.getByTestId("error-email").id);
    fireEvent.change(input, { target: { value: "a@b.c" } });
    expect(value).toBe("a@b.c");
  });
  it("lists errors without a field above the form as an alert", () => {
    render(<FormErrors errors={{ fields: {}, general: ["Too many attempts."] }} />);
    expect(screen.getByRole("alert").textContent).toContain("Too many attempts.");
  });
});
