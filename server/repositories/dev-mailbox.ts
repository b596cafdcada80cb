import { DataTypes, Model, type Sequelize } from "sequelize";

export interface DevMailboxMessage {
  id: string;
  outboxId: string | null;
  fromAddress: string;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  createdAt: Date;
}

export type DevMailboxSummary = Pick<DevMailboxMessage, "id" | "fromAddress" | "toAddress" | "subject" | "createdAt">;

export interface DevMailboxRepository {
  save(message: Omit<DevMailboxMessage, "id" | "createdAt">): Promise<DevMailboxMessage>;
  listRecent(limit: number, toAddress?: string): Promise<DevMailboxSummary[]>;
  findById(id: string): Promise<DevMailboxMessage | null>;
}

export class DevMailboxMessageModel extends Model {
  declare id: string;
  declare outboxId: string | null;
  declare fromAddress: string;
  declare toAddress: string;
  declare subject: string;
  declare textBody: string;
  declare htmlBody: string;
  declare createdAt: Date;
}

export function defineDevMailboxMessageModel(sequelize: Sequelize) {
  DevMailboxMessageModel.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      outboxId: { type: DataTypes.UUID },
      fromAddress: { type: DataTypes.STRING(400), allowNull: false },
      toAddress: { type: DataTypes.STRING(400), allowNull: false },
      subject: { type: DataTypes.STRING(200), allowNull: false },
      textBody: { type: DataTypes.TEXT, allowNull: false },
      htmlBody: { type: DataTypes.TEXT, allowNull: false },
      createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: "dev_mailbox_messages" },
  );
  return DevMailboxMessageModel;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createDevMailboxRepository(): DevMailboxRepository {
  return {
    async save(message) {
      const row = await DevMailboxMessageModel.create({ ...message });
      return row.get({ plain: true }) as DevMailboxMessage;
    },
    async listRecent(limit, toAddress) {
      const rows = await DevMailboxMessageModel.findAll({
        attributes: ["id", "fromAddress", "toAddress", "subject", "createdAt"],
        where: toAddress ? { toAddress } : {},
        order: [["createdAt", "DESC"]],
        limit,
      });
      return rows.map((r) => r.get({ plain: true }) as DevMailboxSummary);
    },
    async findById(id) {
      if (!UUID.test(id)) return null;
      const row = await DevMailboxMessageModel.findByPk(id);
      return row ? (row.get({ plain: true }) as DevMailboxMessage) : null;
    },
  };
}
