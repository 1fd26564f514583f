/**
 * The Adaptive Card builders the bot's cards use, from `@microsoft/teams.cards` (typed,
 * so a misspelt property fails the build, not the card in Teams). Re-exported here so the
 * SDK stays behind `bot/teams/sdk/`.
 */
export {
  ActionSet,
  AdaptiveCard,
  Choice,
  ChoiceSetInput,
  Container,
  DateInput,
  ExecuteAction,
  Fact,
  FactSet,
  OpenUrlAction,
  RefreshDefinition,
  TextBlock,
  TextInput,
  ToggleVisibilityAction,
} from '@microsoft/teams.cards';
export type { IAdaptiveCard } from '@microsoft/teams.cards';
export type { Card } from './outgoing';
