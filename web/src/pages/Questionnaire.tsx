// The risk questionnaire, rendered from the API's question kinds (single choice, multiple
// choice, number with its unit and bounds); the result names the category.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { QuestionnaireDocument, SubmitRiskAssessmentDocument } from "../api/customer";
import { FormErrors, Loading } from "../components/ui";
import { useMutationForm } from "../lib/useMutationForm";
import { useSession } from "../session";

type Answer = { optionId?: string; optionIds?: string[]; value?: string };

export function QuestionnairePage() {
  const { t, i18n } = useTranslation();
  const { refetchViewer } = useSession();
  const [{ data }] = useQuery({ query: QuestionnaireDocument, variables: { locale: i18n.language } });
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const questionnaire = data?.riskQuestionnaire;
  const ids = questionnaire?.questions.map((q) => q.id) ?? [];
  const submit = useMutationForm(SubmitRiskAssessmentDocument, (d) => d.submitRiskAssessment, ["answers"]);
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
        onSubmit={async (e) => {
          e.preventDefault();
          const input = {
            questionnaireId: questionnaire.id,
            locale: i18n.language,
            answers: ids.map((questionId) => ({ questionId, ...answers[questionId] })),
          };
          const done = await submit.submit({ input });
          const assessment = done?.submitRiskAssessment.assessment;
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
          if (q.kind === "NUMBER")
            return (
              <div className="card field" key={q.id}>
                <label htmlFor={`q-${q.id}`}>{legend}</label>
                <input
                  id={`q-${q.id}`}
                  name={q.id}
                  inputMode="decimal"
                  value={answer.value ?? ""}
                  placeholder={q.minValue != null && q.maxValue != null ? `${q.minValue}–${q.maxValue}` : undefined}
                  onChange={(e) => set({ value: e.target.value })}
                />
              </div>
            );
          const multiple = q.kind === "MULTIPLE_CHOICE";
          return (
            <fieldset className="card" key={q.id}>
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
            </fieldset>
          );
        })}
        <FormErrors errors={submit.errors} />
        <button type="submit" disabled={submit.busy}>{t("submit")}</button>
      </form>
    </main>
  );
}
