import DownloadIcon from '@mui/icons-material/Download';
import PostedIcon from '@mui/icons-material/LocalPostOffice';
import { Button, useListContext, useRecordContext, type Identifier } from 'react-admin';
import { useCommand } from '../common/useCommand';
import { useNotifyBulkResults } from '../common/useNotifyBulkResults';
import type { Letter } from '../types';
import { isPrintable } from './letterRules';
import { letterPdfUrl, markLetterPosted, markLettersPosted, mergedLettersPdfUrl } from './letterCommands';

const DownloadButton = ({ href }: { href: string }) => (
  <Button component="a" href={href} download label="app.letters.download">
    <DownloadIcon />
  </Button>
);

/** The letter's PDF, downloaded with the session cookie; it exists only until the letter is posted. */
export const DownloadLetterButton = () => {
  const letter = useRecordContext<Letter>();
  return letter && isPrintable(letter) ? <DownloadButton href={letterPdfUrl(letter.id)} /> : null;
};

/** One merged PDF of the selected letters, for a single print run. */
export const DownloadLettersButton = () => {
  const { selectedIds } = useListContext<Letter>();
  return <DownloadButton href={mergedLettersPdfUrl(selectedIds)} />;
};

/** Support put the printed letter in the post: the key's validity starts now. */
export const MarkPostedButton = () => {
  const letter = useRecordContext<Letter>();
  const { mutate, isPending } = useCommand(markLetterPosted, { onSuccess: 'app.letters.posted' });
  if (!letter || !isPrintable(letter)) return null;
  return (
    <Button label="app.letters.mark_posted" onClick={() => mutate(letter.id)} disabled={isPending}>
      <PostedIcon />
    </Button>
  );
};

export const MarkLettersPostedButton = () => {
  const { selectedIds, data, onUnselectItems } = useListContext<Letter>();
  const notifyResults = useNotifyBulkResults();
  const nameOf = (id: Identifier) => {
    const letter = data?.find((record) => record.id === id);
    return letter ? `${letter.candidateName} (${letter.companyName})` : String(id);
  };
  const { mutate, isPending } = useCommand(markLettersPosted, {
    onSuccess: (results) => {
      onUnselectItems();
      notifyResults(results, nameOf);
    },
  });
  return (
    <Button label="app.letters.mark_posted" onClick={() => mutate(selectedIds)} disabled={isPending}>
      <PostedIcon />
    </Button>
  );
};
