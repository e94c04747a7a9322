// The race server's public API page (GET /api): how to upload a buggy from a program.
const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

function lifetime(seconds: number): string {
  if (seconds % 3600 === 0 && seconds >= 3600) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`;
  if (seconds % 60 === 0 && seconds >= 60) return `${seconds / 60} minute${seconds === 60 ? '' : 's'}`;
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

export interface ApiPageFacts {
  baseUrl: string;
  taskNameForApi: string;
  apiSecretTimeToLive: number;
  isApiSecretOneTimePw: boolean;
  isStudentApiOtpAllowed: boolean;
}

export function renderApiPage(facts: ApiPageFacts): string {
  const url = `${facts.baseUrl}/api/upload`;
  const tasks = facts.taskNameForApi
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const oneTime = facts.isStudentApiOtpAllowed
    ? 'You can choose to make it a one-time secret, which works for one request only.'
    : facts.isApiSecretOneTimePw
      ? 'It is a one-time secret: it works for one request only, then you must set a new one.'
      : '';
  const https = facts.baseUrl.startsWith('https:')
    ? '<p class="notice">This server uses HTTPS: your key and secret travel encrypted. Always use the <code>https://</code> address.</p>'
    : '';
  const taskLine = tasks.length
    ? `<p>Using the API is task ${tasks.map((t) => `<strong>${escapeHtml(t)}</strong>`).join(', ')} of the project.</p>`
    : '';
  const example = `curl -X POST ${url} \\
  -d user=YOUR_USERNAME \\
  -d key=YOUR_API_KEY \\
  -d secret=YOUR_API_SECRET \\
  --data-urlencode 'buggy_json={"qty_wheels": 6, "power_type": "bio"}'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>The Race Server's API</title>
<style>body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.5}code,pre{background:#f4f4f4}pre{padding:.5em;overflow-x:auto}td,th{padding:.2em .6em;text-align:left;vertical-align:top}.notice{border-left:4px solid #3a3;padding-left:.6em}</style>
</head>
<body>
<h1>The Race Server's API</h1>
<p>Instead of pasting your buggy's JSON into the upload form, your program can upload it for you.</p>
${taskLine}
${https}
<h2>Endpoint</h2>
<p><code>POST ${escapeHtml(url)}</code></p>
<h2>Name/value pairs</h2>
<p>Send these fields form-encoded (<code>application/x-www-form-urlencoded</code>) or as <code>multipart/form-data</code>:</p>
<table>
<tr><th>name</th><th>value</th></tr>
<tr><td><code>user</code></td><td>your username</td></tr>
<tr><td><code>key</code></td><td>your API key: set by staff, it lasts until staff change it</td></tr>
<tr><td><code>secret</code></td><td>your API secret: set by you, it works for ${escapeHtml(lifetime(facts.apiSecretTimeToLive))} after you set it. ${escapeHtml(oneTime)}</td></tr>
<tr><td><code>buggy_json</code></td><td>your buggy's settings as JSON, e.g. <code>{"qty_wheels": 6, "power_type": "bio"}</code></td></tr>
</table>
<h2>Responses</h2>
<p>If the server rejects your credentials, the HTTP status is <strong>401</strong>. Otherwise the status is 200, but a
response with 200 does not necessarily indicate success: the JSON answer holds either <code>ok</code> or <code>error</code>.</p>
<pre>200 {"ok": "buggy updated OK"}</pre>
<pre>401 {"error": "missing API key"}</pre>
<pre>200 {"error": "Failed to parse JSON data"}</pre>
<p>Bad values are silently replaced by defaults, and every setting you leave out is reset to its default: an upload
replaces your whole buggy.</p>
<h2>Example</h2>
<pre>${escapeHtml(example)}</pre>
</body>
</html>
`;
}
