// public API of src/fisher (filled in as the module lands)
export {};
