import { useFormAction, useNavigation } from "@remix-run/react";
import type { ButtonHTMLAttributes } from "react";

const variants = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/70",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  ghost: "text-slate-700 hover:bg-slate-100",
};

export function buttonClass(variant: keyof typeof variants = "primary", extra = "") {
  return `inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold shadow-sm transition-colors ${variants[variant]} ${extra}`;
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
