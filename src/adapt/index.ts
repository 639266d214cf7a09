// public API of src/adapt (filled in as the module lands)
export {};
