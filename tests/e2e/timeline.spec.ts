import { expect, test } from './fixtures'
import { chooseUser, saveNote, saveVitals, setRate, setUpSession, timelineTexts } from './steps'

test('the timeline narrows by kind and by author with chips, and shows all again', async ({ page, harness }) => {
  await setUpSession(page)
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await harness.advanceClock(60_000)
  await chooseUser(page, 'Nurse Joy')
  await saveVitals(page, { sys: 122, dia: 78, hr: 72, spo2: 98, rr: 14 })
  await chooseUser(page, 'Theo Rapist')
  await saveNote(page, 'Observation', 'Settled, eyes closed')

  const filter = page.getByRole('group', { name: 'Timeline filter' })
  const heading = page.getByRole('heading', { name: /^Timeline/ })
  await expect(heading).toContainText('(3 entries)')

  await filter.getByRole('button', { name: 'Notes' }).click()
  await expect(filter.getByRole('button', { name: 'Notes' })).toHaveAttribute('aria-pressed', 'true')
  await expect(heading).toContainText('(1 of 3 entries)')
  expect(await timelineTexts(page)).toEqual([expect.stringContaining('Settled, eyes closed')])

  // Kind and author together: notes by the nurse — there are none.
  await filter.getByRole('button', { name: 'Nurse Joy' }).click()
  await expect(heading).toContainText('(0 of 3 entries)')
  await filter.getByRole('button', { name: 'Notes' }).click()
  await expect(heading).toContainText('(1 of 3 entries)')
  expect(await timelineTexts(page)).toEqual([expect.stringMatching(/Vitals.*122\/78.*Nurse Joy/)])

  await filter.getByRole('button', { name: 'Show all entries' }).click()
  await expect(heading).toContainText('(3 entries)')
  await expect(filter.getByRole('button', { name: 'Show all entries' })).toHaveCount(0)
})

test('row actions stay quiet until the row is pointed at or reached by keyboard', async ({ page, harness }) => {
  await setUpSession(page)
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await harness.advanceClock(60_000)
  await chooseUser(page, 'Nurse Joy')
  await saveVitals(page, { sys: 122, dia: 78, hr: 72, spo2: 98, rr: 14 })

  const row = page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').filter({ hasText: '122/78' })
  const correct = row.getByRole('button', { name: 'Correct' })
  const actions = row.locator('.timeline__actions')
  const opacity = () => actions.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).opacity)
  await page.mouse.move(0, 0)
  expect(await opacity()).toBe('0')
  await row.hover()
  expect(await opacity()).toBe('1')
  await page.mouse.move(0, 0)
  await correct.focus()
  expect(await opacity()).toBe('1')
  await correct.press('Enter')
  await expect(page.getByRole('button', { name: 'Save correction' })).toBeVisible()
})
