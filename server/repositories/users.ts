import { DataTypes, Model, Op, UniqueConstraintError, type Sequelize, fn, col, where } from "sequelize";
import { ConflictError } from "../errors";
import type { Tx } from "./transaction";

export interface User {
  id: string;
  username: string;
  email: string;
  name: string;
  passwordHash: string;
  emailVerifiedAt: Date | null;
  lastLogin: Date | null;
  isActive: boolean;
  /** Email me when someone mentions me (the profile setting). */
  mentionEmails: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type NewUser = Pick<User, "username" | "email" | "name" | "passwordHash">;

export interface UsersRepository {
  findById(id: string): Promise<User | null>;
  findByEmail(email: string): Promise<User | null>;
  /** Which of the two are already taken, compared ignoring case. */
  findTaken(email: string, username: string, tx?: Tx): Promise<{ email: boolean; username: boolean }>;
  /** Throws ConflictError when the email or username is taken (the unique indexes decide races). */
  create(user: NewUser, tx?: Tx): Promise<User>;
  recordLogin(id: string, at: Date): Promise<void>;
  /** Changes the password only: a password proves nothing about the address (markEmailVerified does). */
  setPassword(id: string, passwordHash: string, at: Date, tx?: Tx): Promise<void>;
  /**
   * Records that the account's address was proven, if it still is `email` (a link sent to an
   * address the account has since left proves nothing). Returns whether the account has that address.
   */
  markEmailVerified(id: string, email: string, at: Date, tx?: Tx): Promise<boolean>;
  /** Moves the account to a proven new address. Throws ConflictError when another account has it. */
  changeEmail(id: string, email: string, at: Date, tx?: Tx): Promise<void>;
  /** Throws ConflictError when the username is taken by someone else. */
  updateProfile(id: string, profile: Pick<User, "name" | "username">, at: Date): Promise<User>;
  setMentionEmails(id: string, on: boolean, at: Date): Promise<void>;
}

export class UserModel extends Model {
  declare id: string;
  declare username: string;
  declare email: string;
  declare name: string;
  declare passwordHash: string;
  declare emailVerifiedAt: Date | null;
  declare lastLogin: Date | null;
  declare isActive: boolean;
  declare mentionEmails: boolean;
  declare createdAt: Date;
  declare updatedAt: Date;
}

export function defineUserModel(sequelize: Sequelize) {
  UserModel.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      username: { type: DataTypes.STRING(50), allowNull: false },
      email: { type: DataTypes.STRING(255), allowNull: false },
      name: { type: DataTypes.STRING(100), allowNull: false },
      passwordHash: { type: DataTypes.STRING(255), allowNull: false },
      emailVerifiedAt: { type: DataTypes.DATE },
      lastLogin: { type: DataTypes.DATE },
      isActive: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      mentionEmails: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updatedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: "users" },
  );
  return UserModel;
}

const toUser = (row: UserModel | null): User | null => (row ? (row.get({ plain: true }) as User) : null);

const lowerEquals = (column: string, value: string) => where(fn("lower", col(column)), value.toLowerCase());

export function createUsersRepository(): UsersRepository {
  return {
    async findById(id) {
      return toUser(await UserModel.findByPk(id));
    },
    async findByEmail(email) {
      return toUser(await UserModel.findOne({ where: lowerEquals("email", email) }));
    },
    async findTaken(email, username, tx) {
      const rows = await UserModel.findAll({
        attributes: ["email", "username"],
        where: { [Op.or]: [lowerEquals("email", email), lowerEquals("username", username)] },
        transaction: tx,
      });
      return {
        email: rows.some((r) => r.email.toLowerCase() === email.toLowerCase()),
        username: rows.some((r) => r.username.toLowerCase() === username.toLowerCase()),
      };
    },
    async create(user, tx) {
      try {
        const { username, email, name, passwordHash } = user;
        return toUser(await UserModel.create({ username, email, name, passwordHash }, { transaction: tx }))!;
      } catch (error) {
        if (error instanceof UniqueConstraintError) throw new ConflictError("Email or username already taken");
        throw error;
      }
    },
    async recordLogin(id, at) {
      await UserModel.update({ lastLogin: at }, { where: { id } });
    },
    async updateProfile(id, { name, username }, at) {
      try {
        const [, rows] = await UserModel.update({ name, username, updatedAt: at }, { where: { id }, returning: true });
        return toUser(rows[0] ?? null)!;
      } catch (error) {
        if (error instanceof UniqueConstraintError) throw new ConflictError("Username already taken");
        throw error;
      }
    },
    async setMentionEmails(id, on, at) {
      await UserModel.update({ mentionEmails: on, updatedAt: at }, { where: { id } });
    },
    async setPassword(id, passwordHash, at, tx) {
      await UserModel.update({ passwordHash, updatedAt: at }, { where: { id }, transaction: tx });
    },
    async markEmailVerified(id, email, at, tx) {
      const [count] = await UserModel.update(
        { emailVerifiedAt: fn("coalesce", col("email_verified_at"), at) },
        { where: { [Op.and]: [{ id }, lowerEquals("email", email)] }, transaction: tx },
      );
      return count > 0;
    },
    async changeEmail(id, email, at, tx) {
      try {
        await UserModel.update({ email: email.toLowerCase(), emailVerifiedAt: at, updatedAt: at }, { where: { id }, transaction: tx });
      } catch (error) {
        if (error instanceof UniqueConstraintError) throw new ConflictError("Email already taken");
        throw error;
      }
    },
  };
}
