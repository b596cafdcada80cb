import { DataTypes, Model, QueryTypes, type Sequelize } from "sequelize";
import type { Tx } from "./transaction";

export type InviteStatus = "pending" | "accepted" | "expired" | "revoked";

export interface Invite {
  id: string;
  roomId: string;
  inviterId: string;
  participantId: string | null;
  inviteeEmail: string;
  inviteeName: string | null;
  status: InviteStatus;
  expiresAt: Date;
  createdAt: Date;
}

/** An invitation as its recipient sees it on "My invites". */
export interface ReceivedInvite {
  id: string;
  roomId: string;
  roomName: string;
  inviterName: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface InvitesRepository {
  create(
    invite: {
      roomId: string;
      inviterId: string;
      participantId: string;
      email: string;
      name: string;
      tokenHash: string;
      createdAt: Date;
      expiresAt: Date;
    },
    tx: Tx,
  ): Promise<string>;
  setOutbox(inviteId: string, outboxId: string, tx: Tx): Promise<void>;
  revokePending(participantId: string, tx: Tx): Promise<void>;
  /**
   * Gives the person's pending invitation a new token (the old link stops working, and so does a
   * guest pass it issued) and a new expiry; returns false when there is no pending invitation.
   */
  reissuePending(participantId: string, change: { tokenHash: string; expiresAt: Date }): Promise<boolean>;
  /** Up to `limit` pending invitations to this address, newest first (expired ones included, for showing as such). */
  listPendingForEmail(email: string, limit: number): Promise<ReceivedInvite[]>;
  findPendingForEmail(inviteId: string, email: string): Promise<Invite | null>;
  markAccepted(inviteId: string, at: Date, tx: Tx): Promise<void>;
  delete(inviteId: string, tx: Tx): Promise<void>;
}

export class InviteModel extends Model {
  declare id: string;
  declare roomId: string;
  declare inviterId: string;
  declare participantId: string | null;
  declare inviteeEmail: string;
  declare inviteeName: string | null;
  declare tokenHash: string;
  declare status: InviteStatus;
  declare expiresAt: Date;
  declare acceptedAt: Date | null;
  declare createdAt: Date;
  declare outboxId: string | null;
}

export function defineInviteModel(sequelize: Sequelize) {
  InviteModel.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      roomId: { type: DataTypes.UUID, allowNull: false },
      inviterId: { type: DataTypes.UUID, allowNull: false },
      participantId: { type: DataTypes.UUID },
      inviteeEmail: { type: DataTypes.STRING(255), allowNull: false },
      inviteeName: { type: DataTypes.STRING(100) },
      tokenHash: { type: DataTypes.CHAR(64), allowNull: false },
      status: { type: DataTypes.STRING(20), allowNull: false, defaultValue: "pending" },
      expiresAt: { type: DataTypes.DATE, allowNull: false },
      acceptedAt: { type: DataTypes.DATE },
      createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      outboxId: { type: DataTypes.UUID },
    },
    { sequelize, tableName: "invites" },
  );
}

const plainInvite = (row: InviteModel): Invite => {
  const { id, roomId, inviterId, participantId, inviteeEmail, inviteeName, status, expiresAt, createdAt } = row;
  return { id, roomId, inviterId, participantId, inviteeEmail, inviteeName, status, expiresAt, createdAt };
};

export function createInvitesRepository(sequelize: Sequelize): InvitesRepository {
  return {
    async create(invite, tx) {
      const row = await InviteModel.create(
        {
          roomId: invite.roomId,
          inviterId: invite.inviterId,
          participantId: invite.participantId,
          inviteeEmail: invite.email,
          inviteeName: invite.name,
          tokenHash: invite.tokenHash,
          createdAt: invite.createdAt,
          expiresAt: invite.expiresAt,
        },
        { transaction: tx },
      );
      return row.id;
    },
    async setOutbox(inviteId, outboxId, tx) {
      await InviteModel.update({ outboxId }, { where: { id: inviteId }, transaction: tx });
    },
    async revokePending(participantId, tx) {
      await InviteModel.update({ status: "revoked" }, { where: { participantId, status: "pending" }, transaction: tx });
    },
    async reissuePending(participantId, { tokenHash, expiresAt }) {
      const [, count] = await sequelize.query(
        `UPDATE invites SET token_hash = :tokenHash, expires_at = :expiresAt, guest_pass_id = NULL
          WHERE participant_id = :participantId AND status = 'pending'`,
        { type: QueryTypes.UPDATE, replacements: { participantId, tokenHash, expiresAt } },
      );
      return Number(count) > 0;
    },
    async listPendingForEmail(email, limit) {
      return sequelize.query<ReceivedInvite>(
        `SELECT i.id, i.room_id AS "roomId", r.room_name AS "roomName", u.name AS "inviterName", i.created_at AS "createdAt", i.expires_at AS "expiresAt"
           FROM invites i JOIN rooms r ON r.id = i.room_id JOIN users u ON u.id = i.inviter_id
          WHERE i.invitee_email = :email AND i.status = 'pending'
          ORDER BY i.created_at DESC
          LIMIT :limit`,
        { type: QueryTypes.SELECT, replacements: { email, limit } },
      );
    },
    async findPendingForEmail(inviteId, email) {
      const row = await InviteModel.findOne({ where: { id: inviteId, inviteeEmail: email, status: "pending" } });
      return row ? plainInvite(row) : null;
    },
    async markAccepted(inviteId, at, tx) {
      await InviteModel.update({ status: "accepted", acceptedAt: at }, { where: { id: inviteId }, transaction: tx });
    },
    async delete(inviteId, tx) {
      await InviteModel.destroy({ where: { id: inviteId }, transaction: tx });
    },
  };
}
