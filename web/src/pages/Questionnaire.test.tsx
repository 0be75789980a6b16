import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { Provider, type Client } from "urql";
import { fromValue, never } from "wonka";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n from "../i18n";
import { QuestionnairePage } from "./Questionnaire";

vi.mock("../session", () => ({ useSession: () => ({ refetchViewer: () => undefined }) }));

afterEach(cleanup);

const QUESTIONNAIRE = {
  riskQuestionnaire: {
    id: "q1", title: "Risk questionnaire", version: 1, locale: "en",
    questions: [
      { id: "age", kind: "NUMBER", section: "FACTS", label: "Age", text: "How old are you?", unit: "AGE", minValue: "18", maxValue: "100", decimalPlaces: 0, options: [] },
      { id: "horizon", kind: "SINGLE_CHOICE", section: "FACTS", label: "Horizon", text: "For how long?", unit: null, minValue: null, maxValue: null, decimalPlaces: null, options: [{ id: "y1", text: "A year" }, { id: "y5", text: "Five years" }] },
    ],
  },
};

function mockClient(mutationAnswer: unknown) {
  const executeMutation = vi.fn(() => fromValue({ data: mutationAnswer, stale: false, hasNext: false }));
  const client = {
    executeQuery: vi.fn(() => fromValue({ data: QUESTIONNAIRE, stale: false, hasNext: false })),
    executeMutation,
    executeSubscription: vi.fn(() => never),
  } as unknown as Client;
  return { client, executeMutation };
}

function renderPage(client: Client) {
  void i18n.changeLanguage("en");
  render(
    <Provider value={client}>
      <MemoryRouter>
        <QuestionnairePage />
      </MemoryRouter>
    </Provider>,
  );
}

describe("the questionnaire page", () => {
  it("marks every unanswered question at once and sends nothing", async () => {
    const { client, executeMutation } = mockClient(null);
    renderPage(client);
    fireEvent.click(screen.getByRole("button", { name: "Submit" }));
    expect(screen.getByTestId("error-q-age").textContent).toBe("Please answer this question");
    expect(screen.getByTestId("error-q-horizon").textContent).toBe("Please answer this question");
    expect(screen.getByRole("alert").textContent).toContain("2 questions still need an answer");
    expect(screen.getByLabelText(/How old are you\? \(years old\)/).getAttribute("aria-invalid")).toBe("true");
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it("shows the server's error beside the question it names", async () => {
    const { client, executeMutation } = mockClient({
      submitRiskAssessment: { assessment: null, userErrors: [{ field: "input.answers.0.value", message: "Age must be 18 to 100.", code: "OUT_OF_RANGE" }] },
    });
    renderPage(client);
    fireEvent.change(screen.getByLabelText(/How old are you/), { target: { value: "12" } });
    fireEvent.click(screen.getByLabelText("Five years"));
    fireEvent.click(screen.getByRole("button", { name: "Submit" }));
    await waitFor(() => expect(screen.getByTestId("error-q-age").textContent).toBe("Age must be 18 to 100."));
    expect(screen.queryByTestId("error-q-horizon")).toBeNull();
    const sent = (executeMutation.mock.calls[0] as unknown as [{ variables: { input: { answers: unknown[] } } }])[0].variables.input.answers;
    expect(sent).toEqual([{ questionId: "age", value: "12" }, { questionId: "horizon", optionId: "y5" }]);
  });
});
