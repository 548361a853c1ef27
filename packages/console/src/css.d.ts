// Style sheets are bundled by esbuild into the console's one style sheet.
declare module '*.css';
