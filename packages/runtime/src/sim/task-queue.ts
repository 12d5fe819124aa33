// The timed-task queue: a binary min-heap ordered by (time, insertion sequence), so tasks due at
// the same millisecond run in the order they were scheduled. Tasks are plain data (a type name and
// a JSON payload), never closures, which is what lets a snapshot carry the pending work.
//
// Cancellation is lazy: a cancelled task stays in the heap, marked, and is dropped when it reaches
// the top; the heap is compacted when cancelled entries outnumber live ones, so a component that
// keeps rescheduling timers cannot grow it without bound.

export type TaskId = number;

export interface Task {
  readonly at: number;
  /** Insertion sequence; doubles as the task's id. */
  readonly seq: TaskId;
  readonly type: string;
  readonly data: unknown;
  cancelled: boolean;
}

/** A pending task as a snapshot stores it: `[at, seq, type, data]`. */
export type SavedTask = [at: number, seq: number, type: string, data: unknown];

export interface SavedQueue {
  nextSeq: number;
  tasks: SavedTask[];
}

export class TaskQueue {
  #heap: Task[] = [];
  #live = new Map<TaskId, Task>();
  #nextSeq = 0;

  /** Number of tasks still due to run. */
  get size(): number {
    return this.#live.size;
  }

  push(at: number, type: string, data: unknown): TaskId {
    const task: Task = { at, seq: this.#nextSeq++, type, data, cancelled: false };
    this.#live.set(task.seq, task);
    this.#heap.push(task);
    this.#siftUp(this.#heap.length - 1);
    return task.seq;
  }

  /** Cancels a pending task; false when it already ran, was cancelled or never existed. */
  cancel(id: TaskId): boolean {
    const task = this.#live.get(id);
    if (task === undefined) return false;
    task.cancelled = true;
    this.#live.delete(id);
    if (this.#heap.length > 64 && this.#live.size * 2 < this.#heap.length) this.#compact();
    return true;
  }

  isPending(id: TaskId): boolean {
    return this.#live.has(id);
  }

  /** Time of the next task due, or undefined when the queue is empty. */
  peekTime(): number | undefined {
    this.#dropCancelledTop();
    return this.#heap[0]?.at;
  }

  pop(): Task | undefined {
    this.#dropCancelledTop();
    const top = this.#removeTop();
    if (top !== undefined) this.#live.delete(top.seq);
    return top;
  }

  save(): SavedQueue {
    const tasks = [...this.#live.values()].sort(compareTasks);
    return { nextSeq: this.#nextSeq, tasks: tasks.map((t) => [t.at, t.seq, t.type, t.data]) };
  }

  /** Replaces the queue's content; `saved` must already be validated (see snapshot.ts). */
  load(saved: SavedQueue): void {
    const tasks = saved.tasks
      .map(([at, seq, type, data]): Task => ({ at, seq, type, data, cancelled: false }))
      .sort(compareTasks);
    // A sorted array already satisfies the heap property.
    this.#heap = tasks;
    this.#live = new Map(tasks.map((t) => [t.seq, t]));
    this.#nextSeq = saved.nextSeq;
  }

  #dropCancelledTop(): void {
    while (this.#heap.length > 0 && this.#heap[0]!.cancelled) this.#removeTop();
  }

  #removeTop(): Task | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top !== undefined && last !== top && last !== undefined) {
      heap[0] = last;
      this.#siftDown(0);
    }
    return top;
  }

  #compact(): void {
    this.#heap = this.#heap.filter((t) => !t.cancelled).sort(compareTasks);
  }

  #siftUp(index: number): void {
    const heap = this.#heap;
    const task = heap[index]!;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (compareTasks(parent, task) <= 0) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = task;
  }

  /**
   * Puts the task at `index` in place below it. Floyd's variant: move the hole all the way down
   * along the smaller children, then let the task rise; fewer comparisons than the textbook loop,
   * which matters because the task that fills the hole comes from the bottom and usually sinks.
   */
  #siftDown(index: number): void {
    const heap = this.#heap;
    const length = heap.length;
    const task = heap[index]!;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= length) break;
      const right = child + 1;
      if (right < length && compareTasks(heap[right]!, heap[child]!) < 0) child = right;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = task;
    this.#siftUp(index);
  }
}

function compareTasks(a: Task, b: Task): number {
  return a.at - b.at || a.seq - b.seq;
}
