import { DataTypes, Model, Op, type Sequelize } from "sequelize";
import type { Tx } from "./transaction";
import { UserModel, type User } from "./users";

export interface SessionRecord {
  id: string;
  userId: string;
  userAgent: string | null;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface SessionsRepository {
  create(session: Pick<SessionRecord, "id" | "userId" | "userAgent" | "createdAt" | "expiresAt">): Promise<SessionRecord>;
  /** The session and its user, when the session is neither revoked nor expired and the user is active. */
  findLive(id: string, now: Date): Promise<{ session: SessionRecord; user: User } | null>;
  extend(id: string, expiresAt: Date): Promise<void>;
  revoke(id: string, at: Date): Promise<void>;
  /** Revokes every live session of the user except `exceptId`; returns how many. */
  revokeAllForUser(userId: string, at: Date, options?: { exceptId?: string; tx?: Tx }): Promise<number>;
  countLive(userId: string, now: Date): Promise<number>;
}

export class SessionModel extends Model {
  declare id: string;
  declare userId: string;
  declare userAgent: string | null;
  declare createdAt: Date;
  declare expiresAt: Date;
  declare revokedAt: Date | null;
  declare user?: UserModel;
}

export function defineSessionModel(sequelize: Sequelize) {
  SessionModel.init(
    {
      id: { type: DataTypes.STRING(64), primaryKey: true },
      userId: { type: DataTypes.UUID, allowNull: false },
      userAgent: { type: DataTypes.STRING(512) },
      createdAt: { type: DataTypes.DATE, allowNull: false },
      expiresAt: { type: DataTypes.DATE, allowNull: false },
      revokedAt: { type: DataTypes.DATE },
    },
    { sequelize, tableName: "sessions" },
  );
  SessionModel.belongsTo(UserModel, { as: "user", foreignKey: "userId" });
  return SessionModel;
}

export function createSessionsRepository(): SessionsRepository {
  return {
    async create(session) {
      const row = await SessionModel.create({ ...session, revokedAt: null });
      return row.get({ plain: true }) as SessionRecord;
    },
    async findLive(id, now) {
      const row = await SessionModel.findOne({
        where: { id, revokedAt: null, expiresAt: { [Op.gt]: now } },
        include: [{ model: UserModel, as: "user", required: true, where: { isActive: true } }],
      });
      if (!row?.user) return null;
      const { user, ...session } = row.get({ plain: true }) as SessionRecord & { user: User };
      return { session, user };
    },
    async extend(id, expiresAt) {
      await SessionModel.update({ expiresAt }, { where: { id, revokedAt: null } });
    },
    async revoke(id, at) {
      await SessionModel.update({ revokedAt: at }, { where: { id, revokedAt: null } });
    },
    async revokeAllForUser(userId, at, options = {}) {
      const [count] = await SessionModel.update(
        { revokedAt: at },
        {
          where: { userId, revokedAt: null, ...(options.exceptId ? { id: { [Op.ne]: options.exceptId } } : {}) },
          transaction: options.tx,
        },
      );
      return count;
    },
    async countLive(userId, now) {
      return SessionModel.count({ where: { userId, revokedAt: null, expiresAt: { [Op.gt]: now } } });
    },
  };
}
