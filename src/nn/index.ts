// public API of src/nn (filled in as the module lands)
export {};
