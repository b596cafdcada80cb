import { DataTypes, Model, Op, literal, type Sequelize } from "sequelize";
import type { Tx } from "./transaction";

export type OutboxStatus = "queued" | "sent" | "failed";

export interface OutboxMessage {
  id: string;
  kind: string;
  toEmail: string;
  toName: string | null;
  subject: string;
  textBody: string;
  htmlBody: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  provider: string | null;
  providerMessageId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export type NewOutboxMessage = Pick<OutboxMessage, "kind" | "toEmail" | "toName" | "subject" | "textBody" | "htmlBody">;

export interface EmailOutboxRepository {
  insert(message: NewOutboxMessage, tx?: Tx): Promise<string>;
  findById(id: string): Promise<OutboxMessage | null>;
  /** Counts an attempt before it is made, so a crash mid-send still counts. Returns the new count. */
  recordAttempt(id: string, at: Date): Promise<number>;
  /** Also empties the bodies (see `PURGED_BODIES`). */
  markSent(id: string, at: Date, provider: string, providerMessageId?: string): Promise<void>;
  recordError(id: string, at: Date, error: string): Promise<void>;
  /** Also empties the bodies (see `PURGED_BODIES`). */
  markFailed(id: string, at: Date, error: string): Promise<void>;
  listQueuedBefore(before: Date, limit: number): Promise<string[]>;
}

export class EmailOutboxModel extends Model {
  declare id: string;
  declare kind: string;
  declare toEmail: string;
  declare toName: string | null;
  declare subject: string;
  declare textBody: string;
  declare htmlBody: string;
  declare status: OutboxStatus;
  declare attempts: number;
  declare lastError: string | null;
  declare provider: string | null;
  declare providerMessageId: string | null;
  declare createdAt: Date;
  declare updatedAt: Date;
  declare sentAt: Date | null;
}

export function defineEmailOutboxModel(sequelize: Sequelize) {
  EmailOutboxModel.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      kind: { type: DataTypes.STRING(40), allowNull: false },
      toEmail: { type: DataTypes.STRING(255), allowNull: false },
      toName: { type: DataTypes.STRING(100) },
      subject: { type: DataTypes.STRING(200), allowNull: false },
      textBody: { type: DataTypes.TEXT, allowNull: false },
      htmlBody: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.STRING(10), allowNull: false, defaultValue: "queued" },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      lastError: { type: DataTypes.STRING(1000) },
      provider: { type: DataTypes.STRING(20) },
      providerMessageId: { type: DataTypes.STRING(255) },
      createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updatedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      sentAt: { type: DataTypes.DATE },
    },
    { sequelize, tableName: "email_outbox" },
  );
  return EmailOutboxModel;
}

const truncate = (s: string) => s.slice(0, 1000);

/**
 * A message that is done (sent, or failed for good) keeps no body: bodies carry reset, verification
 * and invitation links, which must not sit readable in the database once they can no longer be
 * needed. Every kind is purged, so a kind added later is covered without doing anything. Kind,
 * recipient, subject, status, attempts, error and timestamps stay for operations.
 */
export const PURGED_BODIES = { textBody: "", htmlBody: "" } as const;

export function createEmailOutboxRepository(): EmailOutboxRepository {
  return {
    async insert(message, tx) {
      const row = await EmailOutboxModel.create(
        {
          kind: message.kind,
          toEmail: message.toEmail,
          toName: message.toName,
          subject: message.subject,
          textBody: message.textBody,
          htmlBody: message.htmlBody,
        },
        { transaction: tx },
      );
      return row.id;
    },
    async findById(id) {
      const row = await EmailOutboxModel.findByPk(id);
      return row ? (row.get({ plain: true }) as OutboxMessage) : null;
    },
    async recordAttempt(id, at) {
      const [, rows] = await EmailOutboxModel.update(
        { attempts: literal("attempts + 1"), updatedAt: at },
        { where: { id }, returning: true },
      );
      return rows[0]?.attempts ?? 0;
    },
    async markSent(id, at, provider, providerMessageId) {
      await EmailOutboxModel.update(
        {
          status: "sent",
          sentAt: at,
          updatedAt: at,
          provider,
          providerMessageId: providerMessageId ?? null,
          lastError: null,
          ...PURGED_BODIES,
        },
        { where: { id } },
      );
    },
    async recordError(id, at, error) {
      await EmailOutboxModel.update({ lastError: truncate(error), updatedAt: at }, { where: { id } });
    },
    async markFailed(id, at, error) {
      await EmailOutboxModel.update({ status: "failed", lastError: truncate(error), updatedAt: at, ...PURGED_BODIES }, { where: { id } });
    },
    async listQueuedBefore(before, limit) {
      const rows = await EmailOutboxModel.findAll({
        attributes: ["id"],
        where: { status: "queued", createdAt: { [Op.lt]: before } },
        order: [["createdAt", "ASC"]],
        limit,
      });
      return rows.map((r) => r.id);
    },
  };
}
