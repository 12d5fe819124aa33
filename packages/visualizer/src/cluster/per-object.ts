// What the map derives from a stored object, kept for as long as that object lives. The API
// store's objects are frozen and replaced, never changed, so most of them are the same objects as
// a frame before; an object that is not frozen (a test's own) is derived afresh every time.

/** `derive`, remembered per frozen object. */
export function perObject<K extends object, V>(derive: (object: K) => V): (object: K) => V {
  const known = new WeakMap<K, V>();
  return (object) => {
    if (!Object.isFrozen(object)) return derive(object);
    let value = known.get(object);
    if (value === undefined) known.set(object, (value = derive(object)));
    return value;
  };
}
