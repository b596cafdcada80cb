import type { Sequelize, Transaction } from "sequelize";

/** An open database transaction, opaque to services: they only hand it on to repositories. */
export type Tx = Transaction;

export type TransactionRunner = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;

export function createTransactionRunner(sequelize: Sequelize): TransactionRunner {
  return (work) => sequelize.transaction((tx) => work(tx));
}
