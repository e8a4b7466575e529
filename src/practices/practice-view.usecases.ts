import type { Actor } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import type { LearningQuestionRef } from '../frameworks/frameworks.repository.ts';
import type { PracticeReactionKind } from '../platform/db/schema.ts';
import type { CommunityView } from '../communities/communities.repository.ts';
import { canSeeCommunity } from '../communities/communities.policies.ts';
import { createPracticeNotFoundError } from './practices.errors.ts';
import { buildTrail, summariseTrail, type TrailNode } from './practices.models.ts';
import { canDeleteOwn, canEditPractice, canModerateContribution, canModeratePractice, canReadContribution, canReadPractice, participationCommunity } from './practices.policies.ts';
import * as repo from './practices.repository.ts';
import type { AttachmentRow, PracticeCommentRow, PracticeRow, PracticeTryRow } from './practices.repository.ts';

/** Everything the practice page shows, with the rules applied: what may not be seen is gone. */

export interface ContributionRights {
  isMine: boolean;
  canDelete: boolean;
  canHide: boolean;
  isHidden: boolean;
}

export type CommentView = PracticeCommentRow & ContributionRights;
export type TryView = PracticeTryRow & ContributionRights;

export interface PracticeView {
  practice: PracticeRow;
  /** The community it was shared in, or null when this reader may not see that one (they read it through a share). */
  home: CommunityView | null;
  /** Where the reader came through: the home community when they may see it, else the first share they may see. */
  via: CommunityView;
  /** The communities it is shared to that this viewer may see. */
  sharedIn: CommunityView[];
  learningQuestion: LearningQuestionRef | null;
  myReactions: PracticeReactionKind[];
  comments: CommentView[];
  alternatives: CommentView[];
  trail: TrailNode<TryView>[];
  summary: { reports: number; teams: number; organisations: number };
  attachments: AttachmentRow[];
  can: {
    /** Active member of one of its communities: reacts, comments, reports, asks to watch. */
    participate: boolean;
    react: boolean;
    /** Report "geprobeerd": participants other than the author. */
    tryIt: boolean;
    edit: boolean;
    delete: boolean;
    moderate: boolean;
    shareTo: boolean;
  };
}

export async function getPracticeView(deps: Pick<Deps, 'db'>, actor: Actor, practiceId: string): Promise<PracticeView> {
  const rows = await repo.findPracticePage(deps.db, practiceId, actor.userId);
  if (!rows?.home) throw createPracticeNotFoundError();
  const context = { practice: rows.practice, home: rows.home, shares: rows.shares };
  if (!canReadPractice(actor, context, rows.practice)) throw createPracticeNotFoundError();
  const { practice } = rows;
  const rights = (item: { authorId: string | null; communityId: string; deletedAt: Date | null; hiddenAt: Date | null }): ContributionRights => ({
    isMine: item.authorId === actor.userId,
    canDelete: canDeleteOwn(actor, item),
    canHide: canModerateContribution(actor, context, item),
    isHidden: item.hiddenAt !== null,
  });
  const comments = rows.comments.filter((c) => canReadContribution(actor, context, c)).map((c) => ({ ...c, ...rights(c) }));
  const tries = rows.tries.filter((t) => canReadContribution(actor, context, t)).map((t) => ({ ...t, ...rights(t) }));
  const participates = participationCommunity(actor, context) !== undefined && !practice.hiddenAt;
  // A reader who came through a share learns nothing about the home community: not its name, not its framework.
  const seesHome = canSeeCommunity(actor, rows.home);
  const sharedIn = rows.shares.filter((c) => canSeeCommunity(actor, c));
  return {
    practice,
    home: seesHome ? rows.home : null,
    via: seesHome ? rows.home : (sharedIn[0] as CommunityView),
    sharedIn,
    learningQuestion: seesHome ? rows.learningQuestion : null,
    myReactions: rows.myReactions,
    comments: comments.filter((c) => c.kind === 'comment'),
    alternatives: comments.filter((c) => c.kind === 'alternative'),
    trail: buildTrail(tries),
    summary: summariseTrail(tries.filter((t) => !t.isHidden)),
    attachments: rows.attachments,
    can: {
      participate: participates,
      react: participates && practice.authorId !== actor.userId,
      tryIt: participates && practice.authorId !== actor.userId,
      edit: canEditPractice(actor, context, practice),
      delete: canDeleteOwn(actor, practice),
      moderate: canModeratePractice(actor, context),
      shareTo: participates && practice.authorId === actor.userId && rows.home.membership?.status === 'active',
    },
  };
}
