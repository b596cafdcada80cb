import PgBoss from "pg-boss";
import type { Sequelize } from "sequelize";
import { systemClock, type Clock } from "./clock";
import type { Config } from "./config";
import { startDeliveryWorker } from "./email/delivery-worker";
import { DevMailboxProvider } from "./email/dev-mailbox-provider";
import { MailjetProvider } from "./email/mailjet-provider";
import { createDeliveryQueue, createEmailOutbox } from "./email/outbox";
import type { EmailProvider } from "./email/provider";
import { SendGridProvider } from "./email/sendgrid-provider";
import { createJobQueue, createQueue, startJobWorker } from "./jobs/queues";
import { createLiveKitGateway, unconfiguredLiveKitGateway, type LiveKitGateway } from "./livekit/gateway";
import type { Logger } from "./logger";
import { createLiveFeedService, type LiveFeedService, type LiveFeedSettings } from "./realtime/live-feed";
import { createPostgresRoomEvents } from "./realtime/room-events";
import { createInvitesRepository, defineInviteModel } from "./repositories/invites";
import { createMeetingLogRepository } from "./repositories/meeting-log";
import { createMeetingsRepository } from "./repositories/meetings";
import { createMentionsRepository } from "./repositories/mentions";
import { createDatabaseProbe } from "./repositories/database-probe";
import { createParticipantsRepository } from "./repositories/participants";
import { createPostsRepository, definePostModel } from "./repositories/posts";
import { createRoomsRepository, defineRoomModel } from "./repositories/rooms";
import { createEmailVerificationTokensRepository, defineEmailVerificationTokenModel } from "./repositories/email-verification-tokens";
import { createDevMailboxRepository, defineDevMailboxMessageModel } from "./repositories/dev-mailbox";
import { createEmailOutboxRepository, defineEmailOutboxModel } from "./repositories/email-outbox";
import { createPasswordResetTokensRepository, definePasswordResetTokenModel } from "./repositories/password-reset-tokens";
import { createPostgresRateLimitCounters } from "./repositories/rate-limit-counters";
import { createSessionsRepository, defineSessionModel } from "./repositories/sessions";
import { createTransactionRunner } from "./repositories/transaction";
import { createUsersRepository, defineUserModel } from "./repositories/users";
import { createAuthService, type AuthService } from "./services/auth";
import { createEmailVerificationService, type EmailVerificationService } from "./services/email-verification";
import { createDevMailboxService, type DevMailboxService } from "./services/dev-mailbox";
import { createGuestPasses } from "./services/guest-passes";
import { createHealthService, type HealthService } from "./services/health";
import { createMeetingsService, type MeetingsService } from "./services/meetings";
import { createMembershipsService, type MembershipsService } from "./services/memberships";
import {
  createPasswordResetService,
  createResetLinkSender,
  RESET_REQUEST_JOB_OPTIONS,
  RESET_REQUEST_QUEUE,
  type PasswordResetService,
  type ResetRequest,
} from "./services/password-reset";
import { createBcryptPool } from "./services/bcrypt-pool";
import { createBcryptHasher } from "./services/passwords";
import { createParticipantsService, type ParticipantsService } from "./services/participants";
import { createMentionsService, type MentionsService } from "./services/mentions";
import { createPostSearchService, type PostSearchService } from "./services/post-search";
import { createPostsService, type PostsService } from "./services/posts";
import { createProfileService, type ProfileService } from "./services/profile";
import { createRoomsService, type RoomsService } from "./services/rooms";
import { createReadPointsService, type ReadPointsService } from "./services/unread";
import { createRateLimiter } from "./services/rate-limits";
import { createSessionService, type SessionService } from "./services/sessions";

/** Everything the handler layer may call. Routes get these from the Remix load context and nothing else. */
export interface Services {
  auth: AuthService;
  sessions: SessionService;
  passwordReset: PasswordResetService;
  emailVerification: EmailVerificationService;
  profile: ProfileService;
  rooms: RoomsService;
  posts: PostsService;
  /** Where each member stopped reading a room. */
  readPoints: ReadPointsService;
  mentions: MentionsService;
  postSearch: PostSearchService;
  liveFeed: LiveFeedService;
  participants: ParticipantsService;
  memberships: MembershipsService;
  meetings: MeetingsService;
  health: HealthService;
  /** Only with the development email provider. */
  devMailbox?: DevMailboxService;
}

export type WorkerName = "email-delivery" | "reset-requests";

export interface Container {
  services: Services;
  /**
   * Starts background work: all of it, or the workers named; each at most once. The test suite
   * builds containers without it, and starts what a test needs.
   */
  startWorkers(names?: WorkerName[]): Promise<void>;
  stop(): Promise<void>;
}

function defineModels(sequelize: Sequelize) {
  defineUserModel(sequelize);
  defineSessionModel(sequelize);
  definePasswordResetTokenModel(sequelize);
  defineEmailVerificationTokenModel(sequelize);
  defineEmailOutboxModel(sequelize);
  defineDevMailboxMessageModel(sequelize);
  defineRoomModel(sequelize);
  definePostModel(sequelize);
  defineInviteModel(sequelize);
}

function createEmailProvider(config: Config, logger: Logger, devMailbox = createDevMailboxRepository()): EmailProvider {
  switch (config.email.provider) {
    case "sendgrid":
      return new SendGridProvider({ apiKey: config.email.apiKey, apiUrl: config.email.apiUrl });
    case "mailjet":
      return new MailjetProvider(config.email);
    case "dev":
      return new DevMailboxProvider(devMailbox, logger, config.appUrl);
  }
}

/** The composition root: builds repositories, providers and services once, from validated config. */
export async function createContainer(options: {
  config: Config;
  sequelize: Sequelize;
  databaseUrl: string;
  logger: Logger;
  clock?: Clock;
  emailProvider?: EmailProvider;
  livekit?: LiveKitGateway;
  liveFeed?: Partial<LiveFeedSettings>;
}): Promise<Container> {
  const { config, sequelize, logger } = options;
  const clock = options.clock ?? systemClock;
  defineModels(sequelize);

  const boss = new PgBoss({ connectionString: options.databaseUrl, max: 4, application_name: "parley-jobs" });
  let stopping = false;
  boss.on("error", (error: Error & { code?: string }) => {
    // 57P01: the server ended the connection, which is expected while everything shuts down.
    if (stopping && error.code === "57P01") return;
    logger.error({ err: { message: error.message, code: error.code } }, "job queue error");
  });
  await boss.start();
  await createDeliveryQueue(boss);
  await createQueue(boss, RESET_REQUEST_QUEUE, RESET_REQUEST_JOB_OPTIONS);

  const users = createUsersRepository();
  const devMailboxRepository = createDevMailboxRepository();
  const outboxRepository = createEmailOutboxRepository();
  const transaction = createTransactionRunner(sequelize);
  const bcryptPool = createBcryptPool();
  const passwords = createBcryptHasher(config.bcryptCost, bcryptPool);
  const rateLimiter = createRateLimiter(createPostgresRateLimitCounters(sequelize), { multiplier: config.rateLimitMultiplier });
  const outbox = createEmailOutbox({ repository: outboxRepository, boss });
  const emailProvider = options.emailProvider ?? createEmailProvider(config, logger, devMailboxRepository);

  const livekit = options.livekit ?? (config.livekit ? createLiveKitGateway(config.livekit) : unconfiguredLiveKitGateway());
  const roomEvents = createPostgresRoomEvents({ sequelize, databaseUrl: options.databaseUrl, logger });
  const roomsRepository = createRoomsRepository(sequelize);
  const invitesRepository = createInvitesRepository(sequelize);
  const participantsRepository = createParticipantsRepository(sequelize);
  const postsRepository = createPostsRepository(sequelize);
  const rooms = createRoomsService({
    rooms: roomsRepository,
    participants: participantsRepository,
    posts: postsRepository,
    livekit,
    rateLimiter,
    transaction,
    clock,
    logger,
  });

  const sessionsRepository = createSessionsRepository(sequelize);
  const sessions = createSessionService({
    sessions: sessionsRepository,
    clock,
    settings: {
      secret: config.jwtSecret,
      issuer: config.appUrl,
      idleHours: config.sessionIdleHours,
      maxAgeDays: config.sessionMaxAgeDays,
    },
  });

  const emailVerification = createEmailVerificationService({
    users,
    tokens: createEmailVerificationTokensRepository(),
    sessions,
    outbox,
    rateLimiter,
    transaction,
    clock,
    logger,
    appUrl: config.appUrl,
  });
  const mentions = createMentionsService({
    mentions: createMentionsRepository(sequelize),
    participants: participantsRepository,
    roomsService: rooms,
    outbox,
    clock,
    appUrl: config.appUrl,
  });
  const posts = createPostsService({
    posts: postsRepository,
    rooms: roomsRepository,
    roomsService: rooms,
    events: roomEvents,
    mentions,
    rateLimiter,
    transaction,
    clock,
  });

  const passwordResetTokens = createPasswordResetTokensRepository();
  const sendResetLink = createResetLinkSender({
    users,
    tokens: passwordResetTokens,
    outbox,
    transaction,
    clock,
    logger,
    appUrl: config.appUrl,
  });

  const services: Services = {
    sessions,
    emailVerification,
    auth: createAuthService({ users, sessions, passwords, rateLimiter, emailVerification, transaction, clock, logger }),
    passwordReset: createPasswordResetService({
      users,
      tokens: passwordResetTokens,
      sessions,
      passwords,
      outbox,
      requests: createJobQueue<ResetRequest>(boss, RESET_REQUEST_QUEUE, RESET_REQUEST_JOB_OPTIONS),
      rateLimiter,
      transaction,
      clock,
      logger,
      appUrl: config.appUrl,
    }),
    rooms,
    participants: createParticipantsService({
      invites: invitesRepository,
      participants: participantsRepository,
      roomsService: rooms,
      outbox,
      livekit,
      rateLimiter,
      transaction,
      clock,
      logger,
      appUrl: config.appUrl,
    }),
    memberships: createMembershipsService({
      rooms: roomsRepository,
      participants: participantsRepository,
      roomsService: rooms,
      livekit,
      transaction,
      logger,
    }),
    health: createHealthService({ pingDatabase: createDatabaseProbe(sequelize) }),
    meetings: createMeetingsService({
      meetings: createMeetingsRepository(sequelize),
      meetingLog: createMeetingLogRepository(sequelize),
      invites: invitesRepository,
      participants: participantsRepository,
      users,
      roomsService: rooms,
      livekit,
      guestPasses: createGuestPasses({ secret: config.jwtSecret, issuer: config.appUrl, clock }),
      events: roomEvents,
      rateLimiter,
      transaction,
      clock,
      logger,
    }),
    posts,
    readPoints: createReadPointsService({ roomsService: rooms, participants: participantsRepository }),
    mentions,
    postSearch: createPostSearchService({ posts: postsRepository, roomsService: rooms }),
    liveFeed: createLiveFeedService({ posts, rooms, sessions: sessionsRepository, clock, logger, settings: options.liveFeed }),
    profile: createProfileService({
      users,
      sessions,
      passwords,
      outbox,
      emailVerification,
      rateLimiter,
      transaction,
      clock,
      logger,
      appUrl: config.appUrl,
    }),
    devMailbox: emailProvider.name === "dev" ? createDevMailboxService(devMailboxRepository) : undefined,
  };

  const workers: Record<WorkerName, () => Promise<unknown>> = {
    "email-delivery": () =>
      startDeliveryWorker(boss, { repository: outboxRepository, provider: emailProvider, from: config.emailFrom, clock, logger }),
    // One worker, in send order: of two requests for one address, the later one's link stays good.
    "reset-requests": () => startJobWorker(boss, RESET_REQUEST_QUEUE, sendResetLink, { batchSize: 20, logger }),
  };
  const started = new Set<WorkerName>();

  return {
    services,
    async startWorkers(names = Object.keys(workers) as WorkerName[]) {
      for (const name of names) {
        if (started.has(name)) continue;
        started.add(name);
        await workers[name]();
      }
    },
    async stop() {
      stopping = true;
      await roomEvents.stop();
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
      await bcryptPool.close();
    },
  };
}
