// What a build reports, in BuildKit's vocabulary: vertices (`[internal] load build definition
// from Dockerfile`, `[2/5] WORKDIR /app`, `exporting to image`) with their log lines, CACHED
// marks, durations and errors, on the build's own clock (ms from its start). The CLI prints them
// in `--progress=plain` style while virtual time passes.

export interface VertexLog {
  /** ms since the build started. */
  at: number;
  text: string;
  /** RUN output carries its time since the vertex started (`#8 0.512 added 64 packages`). */
  timed: boolean;
}

export interface Vertex {
  id: number;
  name: string;
  start: number;
  end: number;
  cached: boolean;
  logs: VertexLog[];
  error?: string;
}

export class BuildProgress {
  readonly vertices: Vertex[] = [];
  /** The build's clock: ms of virtual time since it started. */
  now = 0;

  start(name: string): Vertex {
    const vertex: Vertex = { id: this.vertices.length + 1, name, start: this.now, end: this.now, cached: false, logs: [] };
    this.vertices.push(vertex);
    return vertex;
  }

  log(vertex: Vertex, text: string, timed = false, at = this.now): void {
    vertex.logs.push({ at, text, timed });
  }

  /** Ends a vertex after `ms` of work. */
  done(vertex: Vertex, ms: number): void {
    this.now += Math.max(0, Math.round(ms));
    vertex.end = this.now;
  }

  cached(vertex: Vertex): void {
    vertex.cached = true;
    vertex.end = this.now;
  }

  fail(vertex: Vertex, message: string, ms = 0): void {
    this.now += Math.max(0, Math.round(ms));
    vertex.end = this.now;
    vertex.error = message;
  }
}
