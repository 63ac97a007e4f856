// mjml-browser ships no types. It is mjml-core's compiler bundled by webpack, so it has the same
// API as the `mjml` package, whose types (@types/mjml) are borrowed here.
declare module 'mjml-browser' {
  import mjml2html = require('mjml');
  export = mjml2html;
}
