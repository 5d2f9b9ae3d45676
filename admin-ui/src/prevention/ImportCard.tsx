import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  FormControl,
  FormControlLabel,
  FormLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocale, useTranslate } from 'react-admin';
import { enums } from '../enums';
import { importDeclarations, IMPORT_MODEL_URL } from './preventionApi';
import { useCodeText, usePreventionErrorText } from './preventionErrors';
import type { DeclarantKind, ImportReport } from './types';

/** An import's rejected lines: line number, the file's reference, the field at fault and why. */
const RejectedLines = ({ rejected }: { rejected: ImportReport['rejected'] }) => {
  const translate = useTranslate();
  const locale = useLocale();
  const codeText = useCodeText();
  // The server's words name the values and lines at fault: French reads them as they are; English words the known codes.
  const reason = (r: ImportReport['rejected'][number]) => (locale === 'fr' ? r.message : codeText(r.code, r.message));
  return (
    <Table size="small" aria-label={translate('app.prevention.import.rejected_title')}>
      <TableHead>
        <TableRow>
          {['line', 'reference', 'field', 'message'].map((c) => (
            <TableCell key={c}>{translate(`app.prevention.import.column.${c}`)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rejected.map((r, i) => (
          <TableRow key={`${r.line}-${r.field ?? ''}-${i}`}>
            <TableCell>{r.line}</TableCell>
            <TableCell>{r.reference ?? '—'}</TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{r.field ?? '—'}</TableCell>
            <TableCell>{reason(r)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

const Report = ({ report }: { report: ImportReport }) => {
  const translate = useTranslate();
  const severity = report.rejected.length === 0 ? 'success' : report.learnersCreated > 0 ? 'warning' : 'error';
  return (
    <Stack spacing={1} role="status">
      <Alert severity={severity}>
        {translate('app.prevention.import.report', {
          lines: report.linesRead,
          declarations: report.declarationsCreated,
          learners: report.learnersCreated,
          rejected: report.rejected.length,
        })}
      </Alert>
      {report.rejected.length > 0 && <RejectedLines rejected={report.rejected} />}
    </Stack>
  );
};

/**
 * « Déposer un fichier »: a CSV of declarations (the model to download)
 * for one declaring establishment and kind; the report counts what was
 * stored and lists each rejected line with its reason.
 */
export const ImportCard = ({ sirets }: { sirets: string[] }) => {
  const translate = useTranslate();
  const errorText = usePreventionErrorText();
  const [file, setFile] = useState<File | null>(null);
  const [declarantSiret, setDeclarantSiret] = useState(sirets[0] ?? '');
  const [declarantKind, setDeclarantKind] = useState<DeclarantKind>('EMPLOYER');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const { mutate, isPending } = useMutation({
    mutationFn: () => importDeclarations(file!, declarantSiret, declarantKind),
    onMutate: () => {
      setReport(null);
      setRefusal(null);
    },
    onSuccess: setReport,
    onError: (error) => setRefusal(errorText(error)),
  });
  return (
    <Card>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {translate('app.prevention.import.title')}
        </Typography>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('app.prevention.import.intro')}{' '}
          <Box component="a" href={IMPORT_MODEL_URL} download sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
            <DownloadIcon fontSize="small" />
            {translate('app.prevention.import.model')}
          </Box>
        </Typography>
        <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
          <TextField
            select
            fullWidth={false}
            size="small"
            label={translate('resources.prevention-declarations.fields.declarantSiret')}
            value={declarantSiret}
            onChange={(e) => setDeclarantSiret(e.target.value)}
            sx={{ minWidth: 220 }}
          >
            {sirets.map((s) => (
              <MenuItem key={s} value={s}>
                {s}
              </MenuItem>
            ))}
          </TextField>
          <FormControl fullWidth={false}>
            <FormLabel id="prevention-import-kind">{translate('app.prevention.declare.kind')}</FormLabel>
            <RadioGroup row aria-labelledby="prevention-import-kind" value={declarantKind} onChange={(e) => setDeclarantKind(e.target.value as DeclarantKind)}>
              {enums.preventionDeclarantKind.map((k) => (
                <FormControlLabel key={k} value={k} control={<Radio size="small" />} label={translate(`app.enums.preventionDeclarantKind.${k}`)} />
              ))}
            </RadioGroup>
          </FormControl>
        </Stack>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
          <Button component="label" variant="outlined" startIcon={<UploadFileIcon />}>
            {translate('app.prevention.import.choose')}
            <input
              hidden
              type="file"
              accept=".csv,text/csv"
              aria-label={translate('app.prevention.import.file')}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setReport(null);
                setRefusal(null);
              }}
            />
          </Button>
          <Typography variant="body2" color={file ? 'text.primary' : 'text.secondary'} sx={{ overflowWrap: 'anywhere' }}>
            {file ? file.name : translate('app.prevention.import.no_file')}
          </Typography>
          <Button variant="contained" onClick={() => mutate()} disabled={!file || !declarantSiret || isPending} loading={isPending}>
            {translate('app.prevention.import.send')}
          </Button>
        </Stack>
        <Box sx={{ mt: 2 }}>
          {refusal && (
            <Alert severity="error" role="alert">
              {refusal}
            </Alert>
          )}
          {report && <Report report={report} />}
        </Box>
      </CardContent>
    </Card>
  );
};
