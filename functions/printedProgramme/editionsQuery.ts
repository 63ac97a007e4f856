/**
 * What the Studio lists on a campaign (`studio/printedProgramme/printedProgrammeEdition.ts`):
 * every edition kept, newest first, and the snapshots taken at its deadlines. All are private
 * documents (`essaim-private.…`): only Studio users and tokens read them. Kept apart, without
 * imports, so that the Studio's bundle takes nothing else from the functions.
 */
export const printedProgrammesQuery = `{
  "editions": *[_type == "printedProgrammeEdition" && campaignId == $id] | order(generatedAt desc) {
    _id, fileUrl, generatedAt, deadline, closedOn, region, regionName, pages, events,
    snapshotTakenAt, trigger, requestedBy
  },
  "snapshots": *[_type == "printedProgrammeSnapshot" && campaignId == $id] | order(deadline desc) {
    deadline, takenAt, events
  }
}`;
