// userErrors -> per-field messages: the API reports every invalid field at once; each is shown
// beside its field, and errors without a known field above the form.

export interface UserErrorLike {
  field?: string | null;
  message: string;
  code: string;
}

export interface FieldErrors {
  fields: Record<string, string[]>;
  general: string[];
}

/** ``input.email`` / ``email`` / ``answers.0.value`` -> the first segment after ``input``. */
export function fieldKey(field: string | null | undefined): string | null {
  if (!field) return null;
  const parts = field.split(".").filter((p) => p !== "input");
  return parts[0] ?? null;
}

export function toFieldErrors(errors: readonly UserErrorLike[] | null | undefined, known: readonly string[]): FieldErrors {
  const result: FieldErrors = { fields: {}, general: [] };
  for (const error of errors ?? []) {
    const key = fieldKey(error.field);
    if (key && known.includes(key)) (result.fields[key] ??= []).push(error.message);
    else result.general.push(error.message);
  }
  return result;
}

export function hasErrors(errors: FieldErrors): boolean {
  return errors.general.length > 0 || Object.keys(errors.fields).length > 0;
}
