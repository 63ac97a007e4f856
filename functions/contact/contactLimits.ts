/** Lengths the contact form accepts; the schema and the form's markup both read them (no zod here, for the web bundle). */
export const limits = { name: 120, email: 254, message: 5000 } as const;
