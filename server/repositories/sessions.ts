import { DataTypes, Model, Op, type Sequelize } from "sequelize";
import { preparedQuery } from "../db/prepared-statement";
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

interface SessionUserRow {
  id: string;
  user_id: string;
  user_agent: string | null;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  username: string;
  email: string;
  name: string;
  password_hash: string;
  email_verified_at: Date | null;
  last_login: Date | null;
  is_active: boolean;
  mention_emails: boolean;
  user_created_at: Date;
  user_updated_at: Date;
}

const FIND_LIVE = `SELECT s.id, s.user_id, s.user_agent, s.created_at, s.expires_at, s.revoked_at,
       u.username, u.email, u.name, u.password_hash, u.email_verified_at, u.last_login, u.is_active,
       u.mention_emails, u.created_at AS user_created_at, u.updated_at AS user_updated_at
  FROM sessions s JOIN users u ON u.id = s.user_id AND u.is_active
 WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`;

export function createSessionsRepository(sequelize: Sequelize): SessionsRepository {
  return {
    async create(session) {
      const row = await SessionModel.create({ ...session, revokedAt: null });
      return row.get({ plain: true }) as SessionRecord;
    },
    // Runs on every signed-in request: one prepared SELECT, not a model `include` (whose query building
    // and instance wrapping cost more than the query itself), planned once per connection.
    async findLive(id, now) {
      const [row] = await preparedQuery<SessionUserRow>(sequelize, { name: "sessions_find_live", text: FIND_LIVE, values: [id, now] });
      if (!row) return null;
      return {
        session: {
          id: row.id,
          userId: row.user_id,
          userAgent: row.user_agent,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
          revokedAt: row.revoked_at,
        },
        user: {
          id: row.user_id,
          username: row.username,
          email: row.email,
          name: row.name,
          passwordHash: row.password_hash,
          emailVerifiedAt: row.email_verified_at,
          lastLogin: row.last_login,
          isActive: row.is_active,
          mentionEmails: row.mention_emails,
          createdAt: row.user_created_at,
          updatedAt: row.user_updated_at,
        },
      };
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
