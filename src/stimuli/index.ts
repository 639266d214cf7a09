// public API of src/stimuli (filled in as the module lands)
export {};
