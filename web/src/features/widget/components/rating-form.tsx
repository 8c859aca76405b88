import { useState } from 'react';

export function RatingForm({ onRate }: { onRate: (rating: number, comment: string) => void }) {
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  return (
    <form
      className="ldw-rating"
      onSubmit={(e) => {
        e.preventDefault();
        if (rating) onRate(rating, comment.trim());
      }}
    >
      <p>How was your chat?</p>
      <div className="ldw-stars" role="radiogroup" aria-label="Rating from 1 to 5">
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={rating === n}
            aria-label={`${n} star${n > 1 ? 's' : ''}`}
            className={`ldw-star${n <= rating ? ' is-on' : ''}`}
            onClick={() => setRating(n)}
          >
            ★
          </button>
        ))}
      </div>
      <textarea rows={2} placeholder="Anything to add? (optional)" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
      <button type="submit" className="ldw-btn ldw-btn-primary" disabled={!rating}>
        Send rating
      </button>
    </form>
  );
}
