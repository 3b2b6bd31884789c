/** The parser ships no types: it returns prom2json-shaped families. */
declare module 'parse-prometheus-text-format' {
  export default function parsePrometheusTextFormat(text: string): { name: string; help: string; type: string; metrics: { value?: string; labels?: Record<string, string> }[] }[];
}
