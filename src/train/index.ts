// public API of src/train (filled in as the module lands)
export {};
