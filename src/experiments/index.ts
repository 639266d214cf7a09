// public API of src/experiments (filled in as the module lands)
export {};
