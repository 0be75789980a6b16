// The questionnaire's answers and their errors: which questions are still unanswered (all of
// them at once, before asking the server), and the server's userErrors put beside the question
// they name (`answers.3.value` is the fourth answer sent, the answers going in questionnaire
// order); errors naming no question stay above the form.
import type { UserErrorLike } from "./forms";

export type Answer = { optionId?: string; optionIds?: string[]; value?: string };

export interface QuestionLike {
  id: string;
  kind: "SINGLE_CHOICE" | "MULTIPLE_CHOICE" | "NUMBER";
}

export interface AnswerErrors {
  byQuestion: Record<string, string[]>;
  general: string[];
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Whether a question has an answer the server can read (a number is a plain decimal). */
export function isAnswered(question: QuestionLike, answer: Answer | undefined): boolean {
  if (!answer) return false;
  if (question.kind === "NUMBER") return NUMBER.test((answer.value ?? "").trim());
  if (question.kind === "MULTIPLE_CHOICE") return (answer.optionIds ?? []).length > 0;
  return !!answer.optionId;
}

/** Every question without a usable answer, each with ``message``. */
export function unansweredErrors(
  questions: readonly QuestionLike[],
  answers: Record<string, Answer>,
  message: (question: QuestionLike) => string,
): AnswerErrors {
  const byQuestion: Record<string, string[]> = {};
  for (const question of questions) if (!isAnswered(question, answers[question.id])) byQuestion[question.id] = [message(question)];
  return { byQuestion, general: [] };
}

/** The server's userErrors by question (``answers.N...`` -> the N-th question sent). */
export function answerErrors(questionIds: readonly string[], errors: readonly UserErrorLike[] | null | undefined): AnswerErrors {
  const result: AnswerErrors = { byQuestion: {}, general: [] };
  for (const error of errors ?? []) {
    const parts = (error.field ?? "").split(".").filter((part) => part && part !== "input");
    const index = parts[0] === "answers" && parts.length > 1 && /^\d+$/.test(parts[1]) ? Number(parts[1]) : -1;
    const id = index >= 0 ? questionIds[index] : undefined;
    if (id) (result.byQuestion[id] ??= []).push(error.message);
    else result.general.push(error.message);
  }
  return result;
}

export function hasAnswerErrors(errors: AnswerErrors): boolean {
  return errors.general.length > 0 || Object.keys(errors.byQuestion).length > 0;
}

/** The answer as the API takes it: only the field its kind reads, numbers trimmed. */
export function answerInput(question: QuestionLike, answer: Answer | undefined): Answer & { questionId: string } {
  if (question.kind === "NUMBER") return { questionId: question.id, value: (answer?.value ?? "").trim() };
  if (question.kind === "MULTIPLE_CHOICE") return { questionId: question.id, optionIds: answer?.optionIds ?? [] };
  return { questionId: question.id, optionId: answer?.optionId };
}
