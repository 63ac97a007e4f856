import { apiUrl, editorClient } from './support.ts';

/**
 * Switches the proof of work on for these forms in the site settings, as editors do in the
 * Studio, and waits until the API asks for it (the signed webhook carried the change); `[]`
 * switches it off again.
 */
export async function switchFormChallenges(forms: readonly string[]): Promise<void> {
  await editorClient().patch('siteSettings').set({ formChallenges: forms }).commit();
  if (forms.length === 0) return;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answer = await fetch(`${apiUrl()}/forms/challenge?form=${forms[0]}`);
    if (((await answer.json()) as { required?: boolean }).required) return;
    if (Date.now() > deadline) throw new Error('The proof of work never got switched on');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
