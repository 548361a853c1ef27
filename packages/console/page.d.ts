/** The built console's page alone (see build/build-console.ts), for the function that serves it. */
declare const files: Record<'index.html', { contentType: string; body: string }>;
export default files;
