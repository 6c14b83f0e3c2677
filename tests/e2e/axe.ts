/**
 * The accessibility contract as a check: axe-core, the engine behind most accessibility audits,
 * runs on the screen as the staff see it and any violation fails the test with where it is.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/**
 * Rules switched off, each with the reason. Keep this list short: a rule goes here only when the
 * screen is right and the rule cannot know it.
 */
export const DISABLED_RULES: ReadonlyArray<{ id: string; why: string }> = []

export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).disableRules(DISABLED_RULES.map((r) => r.id)).analyze()
  const found = violations.map(
    (v) =>
      `${screen}: ${v.id} (${v.impact ?? 'no impact'}): ${v.help} at ` +
      v.nodes
        .slice(0, 4)
        .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)} ${n.failureSummary?.split('\n').slice(1).join(' ') ?? ''}`)
        .join(' | ')
  )
  expect(found, `accessibility violations on ${screen}`).toEqual([])
}
