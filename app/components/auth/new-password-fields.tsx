import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS } from "../../../server/schemas/fields";
import { Field } from "~/components/ui/field";

/**
 * A new password typed twice, with its rules stated. `replyKey` (useReplyKey) empties both after
 * each server reply: a password is never sent back to the page.
 */
export function NewPasswordFields({
  password,
  confirmPassword,
  replyKey,
  label = "Password",
  advice = "",
}: {
  password: FieldMetadata<string>;
  confirmPassword: FieldMetadata<string>;
  replyKey: number;
  label?: string;
  advice?: string;
}) {
  return (
    <>
      <Field
        label={label}
        hint={`At least ${MIN_PASSWORD_CHARS} characters and at most ${MAX_PASSWORD_BYTES} bytes.${advice ? ` ${advice}` : ""}`}
        inputProps={{ ...getInputProps(password, { type: "password" }), key: `password-${replyKey}`, autoComplete: "new-password" }}
        errors={password.errors}
      />
      <Field
        label={`Confirm ${label.toLowerCase()}`}
        inputProps={{ ...getInputProps(confirmPassword, { type: "password" }), key: `confirm-${replyKey}`, autoComplete: "new-password" }}
        errors={confirmPassword.errors}
      />
    </>
  );
}
