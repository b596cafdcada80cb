import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#eef4ff",
          100: "#dbe6fe",
          500: "#3b63f6",
          600: "#2b4ce0",
          700: "#233cb4",
          900: "#1c2a6b",
        },
      },
    },
  },
  plugins: [],
} satisfies Config;
