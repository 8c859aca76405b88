/** A 1..5 rating as stars, with the number for screen readers. */
export function Stars({ rating }: { rating: number | null | undefined }) {
  if (rating === null || rating === undefined) return <span className="muted">—</span>;
  return (
    <span className="stars" aria-label={`${rating} of 5 stars`} title={`${rating} of 5`}>
      {'★'.repeat(rating)}
      <span className="stars-off">{'★'.repeat(Math.max(0, 5 - rating))}</span>
    </span>
  );
}
