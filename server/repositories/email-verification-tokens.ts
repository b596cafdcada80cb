import { DataTypes, Model, Op, type Sequelize } from "sequelize";
import type { Tx } from "./transaction";

/** `verify`: proves the account's own address. `change`: proves a new address the account moves to. */
export type EmailTokenPurpose = "verify" | "change";

export interface EmailToken {
  userId: string;
  email: string;
  purpose: EmailTokenPurpose;
}

export interface EmailVerificationTokensRepository {
  /** Stores a new token hash and voids every older unused token of the user for the same purpose. */
  replaceForUser(input: EmailToken & { tokenHash: string; createdAt: Date; expiresAt: Date }, tx?: Tx): Promise<void>;
  /** The unused, unexpired token with this hash (read only). */
  findUsable(tokenHash: string, now: Date): Promise<EmailToken | null>;
  /** Marks the token used and returns it, in one atomic UPDATE: of two concurrent calls exactly one gets it. */
  consume(tokenHash: string, now: Date, tx?: Tx): Promise<EmailToken | null>;
}

export class EmailVerificationTokenModel extends Model {
  declare id: string;
  declare userId: string;
  declare email: string;
  declare purpose: EmailTokenPurpose;
  declare tokenHash: string;
  declare expiresAt: Date;
  declare usedAt: Date | null;
  declare createdAt: Date;
}

export function defineEmailVerificationTokenModel(sequelize: Sequelize) {
  EmailVerificationTokenModel.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      userId: { type: DataTypes.UUID, allowNull: false },
      email: { type: DataTypes.STRING(255), allowNull: false },
      purpose: { type: DataTypes.STRING(16), allowNull: false },
      tokenHash: { type: DataTypes.CHAR(64), allowNull: false },
      expiresAt: { type: DataTypes.DATE, allowNull: false },
      usedAt: { type: DataTypes.DATE },
      createdAt: { type: DataTypes.DATE, allowNull: false },
    },
    { sequelize, tableName: "email_verification_tokens" },
  );
  return EmailVerificationTokenModel;
}

const toToken = ({ userId, email, purpose }: EmailVerificationTokenModel): EmailToken => ({ userId, email, purpose });

export function createEmailVerificationTokensRepository(): EmailVerificationTokensRepository {
  return {
    async replaceForUser({ userId, email, purpose, tokenHash, createdAt, expiresAt }, tx) {
      await EmailVerificationTokenModel.update({ usedAt: createdAt }, { where: { userId, purpose, usedAt: null }, transaction: tx });
      await EmailVerificationTokenModel.create({ userId, email, purpose, tokenHash, createdAt, expiresAt }, { transaction: tx });
    },
    async findUsable(tokenHash, now) {
      const row = await EmailVerificationTokenModel.findOne({ where: { tokenHash, usedAt: null, expiresAt: { [Op.gt]: now } } });
      return row ? toToken(row) : null;
    },
    async consume(tokenHash, now, tx) {
      const [, rows] = await EmailVerificationTokenModel.update(
        { usedAt: now },
        { where: { tokenHash, usedAt: null, expiresAt: { [Op.gt]: now } }, returning: true, transaction: tx },
      );
      return rows[0] ? toToken(rows[0]) : null;
    },
  };
}
