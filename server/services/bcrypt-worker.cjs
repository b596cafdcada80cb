// Runs on a worker thread (see bcrypt-pool.ts): one bcrypt hash or comparison per task.
const bcrypt = require("bcryptjs");

module.exports = function bcryptTask(task) {
  return task.op === "hash" ? bcrypt.hash(task.password, task.cost) : bcrypt.compare(task.password, task.hash);
};
