// Runs once per jest run. Store tests add their PGlite template here in a later step.
module.exports = async () => {};
