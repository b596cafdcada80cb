import { DataTypes, Model, Op, type Sequelize } from "sequelize";
import type { Tx } from "./transaction";

export interface PasswordResetTokensRepository {
  /** Stores a new token hash and voids every older unused token of the user. */
  replaceForUser(input: { userId: string; tokenHash: string; createdAt: Date; expiresAt: Date }, tx?: Tx): Promise<void>;
  /** Whether the hash belongs to an unused, unexpired token (read only). */
  isUsable(tokenHash: string, now: Date): Promise<boolean>;
  /**
   * Marks the token used and returns its user, in one atomic UPDATE: of two
   * concurrent calls with the same token exactly one gets the user.
   */
  consume(tokenHash: string, now: Date, tx?: Tx): Promise<string | null>;
}

export class PasswordResetTokenModel extends Model {
  declare id: string;
  declare userId: string;
  declare tokenHash: string;
  declare expiresAt: Date;
  declare usedAt: Date | null;
  declare createdAt: Date;
}

export function definePasswordResetTokenModel(sequelize: Sequelize) {
  PasswordResetTokenModel.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      userId: { type: DataTypes.UUID, allowNull: false },
      tokenHash: { type: DataTypes.CHAR(64), allowNull: false },
      expiresAt: { type: DataTypes.DATE, allowNull: false },
      usedAt: { type: DataTypes.DATE },
      createdAt: { type: DataTypes.DATE, allowNull: false },
    },
    { sequelize, tableName: "password_reset_tokens" },
  );
  return PasswordResetTokenModel;
}

export function createPasswordResetTokensRepository(): PasswordResetTokensRepository {
  return {
    async replaceForUser({ userId, tokenHash, createdAt, expiresAt }, tx) {
      await PasswordResetTokenModel.update({ usedAt: createdAt }, { where: { userId, usedAt: null }, transaction: tx });
      await PasswordResetTokenModel.create({ userId, tokenHash, createdAt, expiresAt }, { transaction: tx });
    },
    async isUsable(tokenHash, now) {
      const count = await PasswordResetTokenModel.count({
        where: { tokenHash, usedAt: null, expiresAt: { [Op.gt]: now } },
      });
      return count > 0;
    },
    async consume(tokenHash, now, tx) {
      const [, rows] = await PasswordResetTokenModel.update(
        { usedAt: now },
        { where: { tokenHash, usedAt: null, expiresAt: { [Op.gt]: now } }, returning: true, transaction: tx },
      );
      return rows[0]?.userId ?? null;
    },
  };
}
