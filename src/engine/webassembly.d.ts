// The slice of the WebAssembly JS API the engine uses. TypeScript ships these types only in its
// DOM/webworker libs, which this Node project does not load (tsconfig lib: ES2022).
declare namespace WebAssembly {
  interface MemoryDescriptor { initial: number; maximum?: number; shared?: boolean }
  interface Memory { readonly buffer: ArrayBuffer | SharedArrayBuffer; grow(delta: number): number }
  var Memory: { prototype: Memory; new (descriptor: MemoryDescriptor): Memory };
  interface Module {}
  var Module: { prototype: Module; new (bytes: BufferSource): Module };
  type Imports = Record<string, Record<string, unknown>>;
  interface Instance { readonly exports: Record<string, unknown> }
  var Instance: { prototype: Instance; new (module: Module, imports?: Imports): Instance };
  function validate(bytes: BufferSource): boolean;
  function compile(bytes: BufferSource): Promise<Module>;
  function instantiate(module: Module, imports?: Imports): Promise<Instance>;
}
type BufferSource = ArrayBufferView | ArrayBuffer;
