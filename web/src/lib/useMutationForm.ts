// Hooks for mutations with userErrors: errors per field, and for money actions an idempotency
// key per user attempt that a retry (same input after a network failure) reuses.
import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, type AnyVariables, type TypedDocumentNode } from "urql";
import { toFieldErrors, type FieldErrors, type UserErrorLike } from "./forms";
import { AttemptKeys } from "./idempotency";

type Payload = { userErrors: readonly UserErrorLike[] } | null | undefined;

export function useMutationForm<Data, Variables extends AnyVariables>(
  document: TypedDocumentNode<Data, Variables>,
  pick: (data: Data) => Payload,
  fields: readonly string[],
) {
  const { t } = useTranslation();
  const [state, execute] = useMutation(document);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const submit = useCallback(
    async (variables: Variables): Promise<Data | null> => {
      setErrors(null);
      const result = await execute(variables);
      if (result.error || !result.data) {
        setErrors({ fields: {}, general: [result.error?.graphQLErrors[0]?.message ?? t("networkError")] });
        return null;
      }
      const payload = pick(result.data);
      if (payload?.userErrors.length) {
        setErrors(toFieldErrors(payload.userErrors, fields));
        return null;
      }
      return result.data;
    },
    [execute, pick, fields, t],
  );
  return { submit, errors, setErrors, busy: state.fetching };
}

/** A money mutation whose input takes ``idempotencyKey``: one key per attempt. */
export function useMoneyAction<Data, Input extends Record<string, unknown>>(
  document: TypedDocumentNode<Data, { input: Input }>,
  pick: (data: Data) => Payload,
  fields: readonly string[],
) {
  const { t } = useTranslation();
  const [state, execute] = useMutation(document);
  const keys = useRef(new AttemptKeys());
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const submit = useCallback(
    async (input: Omit<Input, "idempotencyKey">): Promise<Data | null> => {
      setErrors(null);
      const idempotencyKey = keys.current.keyFor(input);
      let result = await execute({ input: { ...input, idempotencyKey } as unknown as Input });
      if (result.error?.networkError) {
        result = await execute({ input: { ...input, idempotencyKey } as unknown as Input }); // one automatic retry, same key
      }
      if (result.error || !result.data) {
        // the attempt stays open: pressing the button again retries with the same key
        setErrors({ fields: {}, general: [result.error?.graphQLErrors[0]?.message ?? t("networkError")] });
        return null;
      }
      keys.current.finish();
      const payload = pick(result.data);
      if (payload?.userErrors.length) {
        setErrors(toFieldErrors(payload.userErrors, fields));
        return null;
      }
      return result.data;
    },
    [execute, pick, fields, t],
  );
  return { submit, errors, setErrors, busy: state.fetching };
}
