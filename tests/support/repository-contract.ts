import { afterAll, beforeAll, beforeEach, describe } from "vitest";
import { createInvitesRepository, type InvitesRepository } from "../../server/repositories/invites";
import { createMeetingsRepository, type MeetingsRepository } from "../../server/repositories/meetings";
import { createParticipantsRepository, type ParticipantsRepository } from "../../server/repositories/participants";
import { createPostsRepository, type PostsRepository } from "../../server/repositories/posts";
import { createRoomsRepository, type Room, type RoomsRepository } from "../../server/repositories/rooms";
import type { TransactionRunner } from "../../server/repositories/transaction";
import { createUsersRepository, type User, type UsersRepository } from "../../server/repositories/users";
import {
  immediateTransaction,
  inMemoryInvites,
  inMemoryMeetings,
  inMemoryParticipants,
  inMemoryPosts,
  inMemoryRooms,
  inMemoryUsers,
} from "./in-memory";
import { createTestClock } from "./test-clock";
import { startTestRuntime, type TestRuntime } from "./test-runtime";
import { newUserData } from "./user-factory";

/** The repositories over one store (PostgreSQL or the in-memory fakes), with ways to make the rows they point at. */
export interface RepositoryWorld {
  users: UsersRepository;
  rooms: RoomsRepository;
  participants: ParticipantsRepository;
  posts: PostsRepository;
  invites: InvitesRepository;
  meetings: MeetingsRepository;
  transaction: TransactionRunner;
  /** An account, stored as sign-up stores it. */
  newUser(name?: string): Promise<User>;
  /** A room and its owner's participant row, as creating a room leaves them. */
  newRoom(options?: { ownerId?: string; name?: string; description?: string | null }): Promise<Room>;
}

function world(parts: Omit<RepositoryWorld, "newUser" | "newRoom">): RepositoryWorld {
  const newUser = async (name?: string) =>
    parts.users.create({ ...newUserData({ prefix: "contract", name }), passwordHash: "not-a-real-hash" });
  return {
    ...parts,
    newUser,
    async newRoom({ ownerId, name = "Contract", description = null } = {}) {
      const owner = ownerId ? (await parts.users.findById(ownerId))! : await newUser();
      return parts.transaction(async (tx) => {
        const room = await parts.rooms.create({ name, description, ownerId: owner.id, livekitRoomName: (id) => `parley-${id}` }, tx);
        await parts.participants.add({ roomId: room.id, userId: owner.id, email: owner.email, name: owner.name, role: "owner" }, tx);
        return room;
      });
    },
  };
}

function postgresWorld(runtime: TestRuntime): RepositoryWorld {
  const { sequelize } = runtime;
  return world({
    users: createUsersRepository(),
    rooms: createRoomsRepository(sequelize),
    participants: createParticipantsRepository(sequelize),
    posts: createPostsRepository(sequelize),
    invites: createInvitesRepository(sequelize),
    meetings: createMeetingsRepository(sequelize),
    transaction: (work) => sequelize.transaction(work),
  });
}

function inMemoryWorld(): RepositoryWorld {
  const clock = createTestClock(new Date());
  const users = inMemoryUsers(clock);
  const rooms = inMemoryRooms(clock, users.all);
  return world({
    users,
    rooms,
    participants: inMemoryParticipants(rooms, clock),
    posts: inMemoryPosts(rooms),
    invites: inMemoryInvites(rooms),
    meetings: inMemoryMeetings(rooms),
    transaction: immediateTransaction,
  });
}

/**
 * One contract suite run twice, against PostgreSQL (a fresh database for the file) and against the
 * in-memory fakes the unit tests use: `suite` gets a fresh world before each test.
 */
export function describeRepositoryContract(name: string, suite: (world: () => RepositoryWorld) => void) {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await startTestRuntime();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  describe.each([
    ["PostgreSQL", () => postgresWorld(runtime)],
    ["in memory", inMemoryWorld],
  ])(`${name} (%s)`, (_store, make) => {
    let current: RepositoryWorld;
    beforeEach(() => {
      current = make();
    });
    suite(() => current);
  });
}
