import { useFormAction, useNavigation } from "@remix-run/react";
import type { ButtonHTMLAttributes } from "react";

/** The variants' looks are `.btn-*` in app/tailwind.css: a page of buttons names them, not thirty utilities each. */
const variants = { primary: "btn-primary", secondary: "btn-secondary", ghost: "btn-ghost" };

export function buttonClass(variant: keyof typeof variants = "primary", extra = "") {
  return extra ? `btn ${variants[variant]} ${extra}` : `btn ${variants[variant]}`;
}

/** A submit button that says it is working while its form is being sent (with JS). */
export function SubmitButton({
  children,
  pendingText,
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { pendingText: string; variant?: keyof typeof variants }) {
  const navigation = useNavigation();
  const formAction = useFormAction();
  const pending = navigation.state === "submitting" && navigation.formAction === formAction;
  return (
    <button type="submit" {...props} aria-disabled={pending || undefined} className={buttonClass(variant, className)}>
      {pending ? pendingText : children}
    </button>
  );
}
