// One fetch wrapper for the whole app: same-origin cookie auth, JSON in and out, and every non-2xx answer
// turned into an ApiError carrying the RFC 9457 Problem Details the server sent, so views can show `detail`.

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(status: number, problem: ProblemDetails, fallback: string) {
    super(problem.detail ?? problem.title ?? fallback);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** Every message worth showing: the detail (or title) then each field's validation messages. */
  get messages(): string[] {
    const lines = [this.message];
    for (const [field, messages] of Object.entries(this.problem.errors ?? {})) {
      for (const message of messages) lines.push(`${field}: ${message}`);
    }
    return lines;
  }
}

type Unauthorized = () => void;
let onUnauthorized: Unauthorized = () => {};

/** Called when a signed-in request answers 401 (session expired): the app goes back to the sign-in page. */
export function setUnauthorizedHandler(handler: Unauthorized): void {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds `path?query`, leaving out empty values so optional filters stay optional. */
export function url(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, quiet401 = false): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(0, { detail: `${method} ${path}: ${(error as Error).message}` }, 'network');
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && !quiet401) onUnauthorized();
    throw new ApiError(response.status, problem, `${method} ${path}: HTTP ${response.status}`);
  }
  const text = await response.text();
  if (text === '') return undefined as T; // 204, or a 200/201 without a body
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) {
    // e.g. the index.html fallback answering an API path the server does not have
    throw new ApiError(response.status, { detail: `${method} ${path} answered ${type || 'no content type'}, not JSON.` }, 'unexpected');
  }
  return JSON.parse(text) as T;
}

async function readProblem(response: Response): Promise<ProblemDetails> {
  const text = await response.text().catch(() => '');
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') return parsed as ProblemDetails;
  } catch {
    // Not JSON (a proxy's HTML error page, say): fall through to a problem made from the status line.
  }
  return { status: response.status, title: response.statusText || `HTTP ${response.status}`, detail: text.slice(0, 300) || undefined };
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', url(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  /** For the sign-in page and the start-up probe, where a 401 is an answer rather than an expired session. */
  quiet: {
    get: <T>(path: string) => request<T>('GET', path, undefined, true),
    post: <T>(path: string, body?: unknown) => request<T>('POST', path, body, true),
  },
};
