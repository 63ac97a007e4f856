/**
 * Calls made within a few milliseconds of each other in one container share one operation:
 * `perform` receives every caller's input and answers each, in order. A stream worker handles
 * the records of a batch concurrently; their reads of one item, their counter increments and
 * their checks become one DynamoDB call instead of one per record. Every caller's operation
 * starts after its call, so nobody reads anything older than they would alone.
 */
export function coalesced<Input, Output>(
  perform: (inputs: readonly Input[]) => Promise<readonly Output[]>,
  options: { readonly windowMilliseconds?: number; readonly maxInputs?: number } = {},
): (input: Input) => Promise<Output> {
  const { windowMilliseconds = 0, maxInputs = Number.POSITIVE_INFINITY } = options;
  type Waiting = { readonly resolve: (output: Output) => void; readonly reject: (error: unknown) => void };
  let gathering: { inputs: Input[]; waiting: Waiting[]; timer: ReturnType<typeof setTimeout> } | undefined;

  const flush = () => {
    if (!gathering) return;
    const { inputs, waiting, timer } = gathering;
    clearTimeout(timer);
    gathering = undefined;
    perform(inputs).then(
      (outputs) => {
        for (const [index, { resolve }] of waiting.entries()) resolve(outputs[index] as Output);
      },
      (error: unknown) => {
        for (const { reject } of waiting) reject(error);
      },
    );
  };

  return (input) =>
    new Promise<Output>((resolve, reject) => {
      gathering ??= { inputs: [], waiting: [], timer: setTimeout(flush, windowMilliseconds) };
      gathering.inputs.push(input);
      gathering.waiting.push({ resolve, reject });
      if (gathering.inputs.length >= maxInputs) flush();
    });
}

/** `coalesced` for operations by key: `perform` runs once per distinct key gathered; a key's failure is its callers' alone. */
export function coalescedByKey<Output>(
  perform: (key: string) => Promise<Output>,
  windowMilliseconds = 0,
): (key: string) => Promise<Output> {
  const gathered = coalesced<string, PromiseSettledResult<Output>>(
    async (keys) => {
      const distinct = [...new Set(keys)];
      const outcomes = await Promise.allSettled(distinct.map(perform));
      return keys.map((key) => outcomes[distinct.indexOf(key)] as PromiseSettledResult<Output>);
    },
    { windowMilliseconds },
  );
  return async (key) => {
    const outcome = await gathered(key);
    if (outcome.status === 'rejected') throw outcome.reason;
    return outcome.value;
  };
}
