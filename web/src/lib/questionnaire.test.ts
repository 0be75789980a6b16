import { describe, expect, it } from "vitest";
import { answerErrors, answerInput, hasAnswerErrors, isAnswered, unansweredErrors, type QuestionLike } from "./questionnaire";

const QUESTIONS: QuestionLike[] = [
  { id: "age", kind: "NUMBER" },
  { id: "horizon", kind: "SINGLE_CHOICE" },
  { id: "products_held", kind: "MULTIPLE_CHOICE" },
];

describe("questionnaire answers", () => {
  it("names every unanswered question at once", () => {
    const errors = unansweredErrors(QUESTIONS, { horizon: { optionId: "y3_5" }, products_held: { optionIds: [] } }, (q) => `answer ${q.id}`);
    expect(errors.byQuestion).toEqual({ age: ["answer age"], products_held: ["answer products_held"] });
    expect(hasAnswerErrors(errors)).toBe(true);
    const none = unansweredErrors(QUESTIONS, { age: { value: " 35 " }, horizon: { optionId: "y3_5" }, products_held: { optionIds: ["bonds"] } }, () => "x");
    expect(hasAnswerErrors(none)).toBe(false);
  });
  it("takes a number only as a plain decimal", () => {
    expect(isAnswered(QUESTIONS[0], { value: "35.5" })).toBe(true);
    expect(isAnswered(QUESTIONS[0], { value: "35 years" })).toBe(false);
    expect(isAnswered(QUESTIONS[0], undefined)).toBe(false);
  });
  it("puts the server's errors beside the question they name, the rest above the form", () => {
    const errors = answerErrors(
      QUESTIONS.map((q) => q.id),
      [
        { field: "input.answers.0.value", message: "Age must be 18 to 100.", code: "OUT_OF_RANGE" },
        { field: "answers.2.optionIds", message: "Unknown option.", code: "UNKNOWN_OPTION" },
        { field: "answers", message: "Please answer every question.", code: "MISSING_ANSWER" },
        { field: "answers.9.value", message: "No such answer.", code: "X" },
        { field: null, message: "Try later.", code: "RATE_LIMITED" },
      ],
    );
    expect(errors.byQuestion).toEqual({ age: ["Age must be 18 to 100."], products_held: ["Unknown option."] });
    expect(errors.general).toEqual(["Please answer every question.", "No such answer.", "Try later."]);
  });
  it("sends only the field each kind reads", () => {
    expect(answerInput(QUESTIONS[0], { value: " 35 ", optionId: "stale" })).toEqual({ questionId: "age", value: "35" });
    expect(answerInput(QUESTIONS[1], { optionId: "y3_5" })).toEqual({ questionId: "horizon", optionId: "y3_5" });
    expect(answerInput(QUESTIONS[2], undefined)).toEqual({ questionId: "products_held", optionIds: [] });
  });
});
