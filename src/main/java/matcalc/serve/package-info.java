/**
 * {@code matcalc serve}: the JDK HTTP server with the JSON API ({@link matcalc.serve.Api}, schema
 * in {@code resources/web/api-schema.json}) and the web page (KaTeX, vendored). Uses {@code engine},
 * {@code identity}, {@code render}.
 */
package matcalc.serve;
