/** The built console (see build/build-console.ts): each file's content type and body, by file name. */
declare const files: Record<string, { contentType: string; body: string }>;
export default files;
