// The risk questionnaire, rendered from the API's question kinds (single choice, multiple
// choice, number with its unit and bounds); the result names the category. Every unanswered
// question is marked at once before anything is sent, and the server's errors are shown beside
// the question they name.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { QuestionnaireDocument, SubmitRiskAssessmentDocument } from "../api/customer";
import { FormErrors, Loading } from "../components/ui";
import { answerErrors, answerInput, hasAnswerErrors, unansweredErrors, type Answer, type AnswerErrors } from "../lib/questionnaire";
import { useSession } from "../session";

export function QuestionnairePage() {
  const { t, i18n } = useTranslation();
  const { refetchViewer } = useSession();
  const [{ data }] = useQuery({ query: QuestionnaireDocument, variables: { locale: i18n.language } });
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const questionnaire = data?.riskQuestionnaire;
  const ids = questionnaire?.questions.map((q) => q.id) ?? [];
  const [submitting, submit] = useMutation(SubmitRiskAssessmentDocument);
  const [errors, setErrors] = useState<AnswerErrors | null>(null);
  const [result, setResult] = useState<{ category: string; explanation: string } | null>(null);
  if (!questionnaire) return <Loading />;
  if (result)
    return (
      <main id="main">
        <h1>{t("questionnaire")}</h1>
        <p className="big" data-testid="risk-category">{t("yourCategory", { category: result.category })}</p>
        <p>{result.explanation}</p>
        <Link className="button" to="/plan">{t("navPlan")}</Link>
      </main>
    );
  return (
    <main id="main">
      <h1>{questionnaire.title}</h1>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const missing = unansweredErrors(questionnaire.questions, answers, () => t("answerRequired"));
          if (hasAnswerErrors(missing)) {
            setErrors({ ...missing, general: [t("unansweredCount", { count: Object.keys(missing.byQuestion).length })] });
            return;
          }
          setErrors(null);
          const input = {
            questionnaireId: questionnaire.id,
            locale: i18n.language,
            answers: questionnaire.questions.map((q) => answerInput(q, answers[q.id])),
          };
          const done = await submit({ input });
          const payload = done.data?.submitRiskAssessment;
          if (!payload) {
            setErrors({ byQuestion: {}, general: [done.error?.graphQLErrors[0]?.message ?? t("networkError")] });
            return;
          }
          if (payload.userErrors.length) {
            setErrors(answerErrors(ids, payload.userErrors));
            return;
          }
          const assessment = payload.assessment;
          if (assessment) {
            setResult({ category: assessment.riskCategory, explanation: assessment.explanation });
            refetchViewer();
          }
        }}
      >
        {questionnaire.questions.map((q, index) => {
          const answer = answers[q.id] ?? {};
          const set = (next: Answer) => setAnswers((all) => ({ ...all, [q.id]: next }));
          const legend = `${index + 1}. ${q.text}`;
          const messages = errors?.byQuestion[q.id] ?? [];
          const errorId = `q-${q.id}-error`;
          const error = messages.length > 0 && (
            <p className="field-error" id={errorId} data-testid={`error-q-${q.id}`}>
              {messages.join(" ")}
            </p>
          );
          if (q.kind === "NUMBER")
            return (
              <div className="card field" key={q.id}>
                <label htmlFor={`q-${q.id}`}>
                  {legend}
                  {q.unit && ` (${t(`unit_${q.unit}`)})`}
                </label>
                <input
                  id={`q-${q.id}`}
                  name={q.id}
                  inputMode="decimal"
                  value={answer.value ?? ""}
                  placeholder={q.minValue != null && q.maxValue != null ? `${q.minValue}–${q.maxValue}` : undefined}
                  aria-invalid={messages.length > 0}
                  aria-describedby={messages.length ? errorId : undefined}
                  onChange={(e) => set({ value: e.target.value })}
                />
                {error}
              </div>
            );
          const multiple = q.kind === "MULTIPLE_CHOICE";
          return (
            <fieldset className="card" key={q.id} aria-describedby={messages.length ? errorId : undefined}>
              <legend>{legend}</legend>
              {q.options.map((option) => (
                <label key={option.id} className="option">
                  <input
                    type={multiple ? "checkbox" : "radio"}
                    name={q.id}
                    value={option.id}
                    checked={multiple ? (answer.optionIds ?? []).includes(option.id) : answer.optionId === option.id}
                    onChange={(e) => {
                      if (!multiple) return set({ optionId: option.id });
                      const chosen = new Set(answer.optionIds ?? []);
                      if (e.target.checked) chosen.add(option.id);
                      else chosen.delete(option.id);
                      set({ optionIds: [...chosen] });
                    }}
                  />{" "}
                  {option.text}
                </label>
              ))}
              {error}
            </fieldset>
          );
        })}
        <FormErrors errors={errors && { fields: {}, general: errors.general }} />
        <button type="submit" disabled={submitting.fetching}>{t("submit")}</button>
      </form>
    </main>
  );
}
